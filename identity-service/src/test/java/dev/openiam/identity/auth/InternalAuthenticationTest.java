package dev.openiam.identity.auth;

import dev.openiam.identity.Api;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.InternalJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;

/** Another service asks identity-service who signed a request; the secret stays here. */
@QuarkusTest
class InternalAuthenticationTest {

    public static final String BODY = "Action=GetCallerIdentity&Version=2011-06-15";

    static Map<String, Object> signed(String service, String secret, String sentBody) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create("http://sts.local:8083/"))
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(Api.BOOTSTRAP.accessKeyId(), secret))
                .request(request).payload(ContentStreamProvider.fromUtf8String(BODY))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")).request();
        Map<String, List<String>> headers = new LinkedHashMap<>(signed.headers());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", "sts");
        body.put("method", "POST");
        body.put("rawPath", "/");
        body.put("headers", headers);
        body.put("body", Base64.getEncoder().encodeToString(sentBody.getBytes(StandardCharsets.UTF_8)));
        return body;
    }

    /** The test profile's internal JWT secret (application.properties). */
    public static final InternalJwt JWT = InternalJwt.fromBase64("dGVzdC1pbnRlcm5hbC1qd3Qtc2VjcmV0LW9mLTMyLWJ5dGVzIQ==");
    static final String SERVICE = JWT.sign("identity-service",
            new CallerClaims("arn:aws:iam::111122223333:root", "111122223333", "111122223333", "AKIAAAAAAAAAAAAAAAAA", true));

    static ValidatableResponse call(String token, Map<String, Object> body) {
        var request = RestAssured.given().contentType(ContentType.JSON).body(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.post("/internal/v1/authenticate").then();
    }

    @Test
    void answersWhoSignedAValidRequest() {
        call(SERVICE, signed("sts", Api.BOOTSTRAP.secret(), BODY)).statusCode(200)
                .body("accountId", equalTo(Api.BOOTSTRAP.accountId()))
                .body("arn", equalTo("arn:aws:iam::" + Api.BOOTSTRAP.accountId() + ":root"))
                .body("root", equalTo(true))
                .body("accessKeyId", equalTo(Api.BOOTSTRAP.accessKeyId()));
    }

    @Test
    void refusesWrongSignaturesTamperedBodiesAndOtherServices() {
        Api.error(call(SERVICE, signed("sts", "x".repeat(40), BODY)), 403, "SignatureDoesNotMatch");
        Api.error(call(SERVICE, signed("sts", Api.BOOTSTRAP.secret(), BODY + "&x=1")), 403, "SignatureDoesNotMatch");
        Api.error(call(SERVICE, signed("iam", Api.BOOTSTRAP.secret(), BODY)), 403, "SignatureDoesNotMatch");
    }

    @Test
    void refusesCallersWithoutTheServiceToken() {
        Api.error(call(null, signed("sts", Api.BOOTSTRAP.secret(), BODY)), 403, "AccessDenied");
        Api.error(call("wrong", signed("sts", Api.BOOTSTRAP.secret(), BODY)), 403, "AccessDenied");
        String otherAudience = JWT.sign("policy-service", new CallerClaims("arn:aws:iam::111122223333:root", "111122223333",
                "111122223333", "AKIAAAAAAAAAAAAAAAAA", true));
        Api.error(call(otherAudience, signed("sts", Api.BOOTSTRAP.secret(), BODY)), 403, "AccessDenied");
    }
}
