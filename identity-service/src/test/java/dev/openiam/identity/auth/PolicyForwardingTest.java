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
        unavailable("Action=CreatePolicy&Version=2010-05-08&PolicyName=p&PolicyDocument=%7B%7D");
    }

    /** The simulator's actions are policy-service's too: forwarded, not answered InvalidAction. */
    @Test
    void theSimulatorActionsAreForwarded() {
        String arn = "arn%3Aaws%3Aiam%3A%3A000000000000%3Auser%2Falice";
        unavailable("Action=SimulatePrincipalPolicy&Version=2010-05-08&PolicySourceArn=" + arn + "&ActionNames.member.1=s3%3AGetObject");
        unavailable("Action=GetContextKeysForPrincipalPolicy&Version=2010-05-08&PolicySourceArn=" + arn);
        unavailable("Action=SimulateCustomPolicy&Version=2010-05-08&PolicyInputList.member.1=%7B%7D&ActionNames.member.1=s3%3AGetObject");
        unavailable("Action=GetContextKeysForCustomPolicy&Version=2010-05-08&PolicyInputList.member.1=%7B%7D");
    }

    private void unavailable(String body) {
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
