package dev.openiam.identity.auth;

import dev.openiam.identity.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;

import static org.hamcrest.Matchers.containsString;

/** Actions policy-service owns go to it; when it does not answer, nothing is done and the caller is told (fail closed). */
@QuarkusTest
class PolicyForwardingTest {

    @TestHTTPResource("/")
    URI endpoint;

    @Test
    void anUnreachablePolicyServiceIsServiceUnavailable() {
        String body = "Action=CreatePolicy&Version=2010-05-08&PolicyName=p&PolicyDocument=%7B%7D";
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(Api.BOOTSTRAP.accessKeyId(), Api.BOOTSTRAP.secret()))
                .request(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                        .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build())
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "iam")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        var request = RestAssured.given().body(body);
        signed.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        request.post("/").then().statusCode(503)
                .body(containsString("<Code>ServiceUnavailable</Code>"))
                .body(containsString("<Type>Receiver</Type>"));
    }
}
