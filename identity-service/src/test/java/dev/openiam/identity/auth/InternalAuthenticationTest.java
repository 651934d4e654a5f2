package dev.openiam.identity.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.identity.Api;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceKey;
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
    static final String PATH = "/internal/v1/authenticate";
    static final ObjectMapper JSON = new ObjectMapper();

    /** The JSON body another service sends: {@code sentBody} as received, signed by the signer for {@code service}. */
    static byte[] signed(String service, String secret, String sentBody) throws Exception {
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
        return JSON.writeValueAsBytes(body);
    }

    static ValidatableResponse call(String authorization, byte[] body) {
        var request = RestAssured.given().contentType(ContentType.JSON).body(body);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.post(PATH).then();
    }

    /** {@code body} under a fresh authenticate token of {@code service}. */
    static ValidatableResponse callAs(ServiceKey service, byte[] body) {
        return call("Bearer " + PeerServices.token(service, Purpose.AUTHENTICATE, "POST", PATH, body), body);
    }

    @Test
    void answersWhoSignedAValidRequest() throws Exception {
        callAs(PeerServices.STS, signed("sts", Api.BOOTSTRAP.secret(), BODY)).statusCode(200)
                .body("accountId", equalTo(Api.BOOTSTRAP.accountId()))
                .body("arn", equalTo("arn:aws:iam::" + Api.BOOTSTRAP.accountId() + ":root"))
                .body("root", equalTo(true))
                .body("accessKeyId", equalTo(Api.BOOTSTRAP.accessKeyId()));
        callAs(PeerServices.POLICY, signed("sts", Api.BOOTSTRAP.secret(), BODY)).statusCode(200);
    }

    @Test
    void aBatchAnswersEachRequestAsItsOwnCallWould() throws Exception {
        String batchPath = PATH + ":batch";
        byte[] batch = JSON.writeValueAsBytes(Map.of("requests", List.of(
                JSON.readValue(signed("sts", "x".repeat(40), BODY), Map.class),
                JSON.readValue(signed("sts", Api.BOOTSTRAP.secret(), BODY), Map.class))));
        RestAssured.given().urlEncodingEnabled(false).contentType(ContentType.JSON).body(batch)
                .header("Authorization", "Bearer " + PeerServices.token(PeerServices.STS, Purpose.AUTHENTICATE, "POST", batchPath, batch))
                .post(batchPath).then().statusCode(200)
                .body("results[0].status", equalTo(403)).body("results[0].code", equalTo("SignatureDoesNotMatch"))
                .body("results[1].status", equalTo(200))
                .body("results[1].answer.arn", equalTo("arn:aws:iam::" + Api.BOOTSTRAP.accountId() + ":root"))
                .body("results[1].answer.accessKeyId", equalTo(Api.BOOTSTRAP.accessKeyId()));
        // a token for the single endpoint does not open the batch
        Api.error(RestAssured.given().urlEncodingEnabled(false).contentType(ContentType.JSON).body(batch)
                .header("Authorization", "Bearer " + PeerServices.token(PeerServices.STS, Purpose.AUTHENTICATE, "POST", PATH, batch))
                .post(batchPath).then(), 403, "AccessDenied");
    }

    @Test
    void refusesWrongSignaturesTamperedBodiesAndOtherServices() throws Exception {
        Api.error(callAs(PeerServices.STS, signed("sts", "x".repeat(40), BODY)), 403, "SignatureDoesNotMatch");
        Api.error(callAs(PeerServices.STS, signed("sts", Api.BOOTSTRAP.secret(), BODY + "&x=1")), 403, "SignatureDoesNotMatch");
        Api.error(callAs(PeerServices.STS, signed("iam", Api.BOOTSTRAP.secret(), BODY)), 403, "SignatureDoesNotMatch");
    }

    @Test
    void refusesCallersWithoutAServiceTokenForExactlyThisCall() throws Exception {
        byte[] body = signed("sts", Api.BOOTSTRAP.secret(), BODY);
        Api.error(call(null, body), 403, "AccessDenied");
        Api.error(call("Bearer wrong", body), 403, "AccessDenied");
        // another purpose, another path, another body, a service not allowed to authenticate, another audience
        Api.error(call("Bearer " + PeerServices.token(PeerServices.STS, Purpose.SNAPSHOT, "POST", PATH, body), body), 403, "AccessDenied");
        Api.error(call("Bearer " + PeerServices.token(PeerServices.STS, Purpose.AUTHENTICATE, "POST", "/internal/v1/other", body), body),
                403, "AccessDenied");
        byte[] other = signed("sts", Api.BOOTSTRAP.secret(), BODY + "&x=1");
        Api.error(call("Bearer " + PeerServices.token(PeerServices.STS, Purpose.AUTHENTICATE, "POST", PATH, other), body), 403, "AccessDenied");
        Api.error(callAs(PeerServices.IDENTITY, body), 403, "AccessDenied");
        String forPolicy = new dev.openiam.internalauth.TokenIssuer(PeerServices.STS,
                dev.openiam.internalauth.TrustedKeys.fromDirectory(java.nio.file.Path.of("src/test/resources/trust/trusted")))
                .issue("policy-service", Purpose.AUTHENTICATE, "POST", PATH, body, null, null);
        Api.error(call("Bearer " + forPolicy, body), 403, "AccessDenied");
        // and a good token is spent by its first use
        String token = "Bearer " + PeerServices.token(PeerServices.STS, Purpose.AUTHENTICATE, "POST", PATH, body);
        call(token, body).statusCode(200);
        Api.error(call(token, body), 403, "AccessDenied");
    }
}
