package dev.openiam.identity;

import io.restassured.RestAssured;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.ValidatableResponse;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;

/** The IAM Query API as the AWS CLI calls it: a form body signed with SigV4 (the SDK's signer) by {@code api}'s root key. */
public record QueryApi(Api api) {

    /** {@code Action=action&Version=2010-05-08} and {@code params} as name, value pairs. */
    public ValidatableResponse call(String action, String... params) {
        List<String> form = new ArrayList<>(List.of("Action=" + action, "Version=2010-05-08"));
        for (int i = 0; i < params.length; i += 2) {
            form.add(params[i] + "=" + URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        String body = String.join("&", form);
        URI uri = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/");
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(api.accessKeyId(), api.secret()))
                .request(request).payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "iam")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        var given = RestAssured.given().body(body);
        for (Map.Entry<String, List<String>> header : signed.headers().entrySet()) {
            if (!header.getKey().equalsIgnoreCase("host")) {
                header.getValue().forEach(value -> given.header(header.getKey(), value));
            }
        }
        return given.post("/").then();
    }

    /** The {@code <ActionResult>} of a successful call. */
    public XmlPath ok(String action, String... params) {
        String xml = call(action, params).statusCode(200).extract().asString();
        return new XmlPath(xml).setRootPath(action + "Response." + action + "Result");
    }

    /** Asserts an AWS error document with {@code status} and {@code code}; answers its message. */
    public String error(int status, String code, String action, String... params) {
        return call(action, params).statusCode(status).body("ErrorResponse.Error.Code", equalTo(code))
                .extract().xmlPath().getString("ErrorResponse.Error.Message");
    }
}
