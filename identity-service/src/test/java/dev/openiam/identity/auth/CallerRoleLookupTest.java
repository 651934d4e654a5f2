package dev.openiam.identity.auth;

import dev.openiam.identity.Api;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceKey;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.nullValue;

/** sts-service's AssumeRole asks who signed and the role it names in one call. */
@QuarkusTest
class CallerRoleLookupTest {

    static final String PATH = "/internal/v1/roles/lookup-for-caller";

    static byte[] body(String secret, String roleArn) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("request", InternalAuthenticationTest.JSON.readValue(InternalAuthenticationTest.signed("sts", secret,
                InternalAuthenticationTest.BODY), Map.class));
        body.put("roleArn", roleArn);
        return InternalAuthenticationTest.JSON.writeValueAsBytes(body);
    }

    static ValidatableResponse callAs(ServiceKey service, Purpose purpose, byte[] body) {
        return RestAssured.given().contentType(ContentType.JSON).body(body)
                .header("Authorization", "Bearer " + PeerServices.token(service, purpose, "POST", PATH, body)).post(PATH).then();
    }

    @Test
    void answersTheCallerAndTheRoleAsStoredNow() throws Exception {
        String name = "lookup-" + UUID.randomUUID().toString().substring(0, 8);
        Api.BOOTSTRAP.post("roles", Api.role(name, Api.TRUST, ",\"maxSessionDuration\":7200,\"tags\":[{\"key\":\"team\",\"value\":\"core\"}]"))
                .statusCode(201);
        String arn = "arn:aws:iam::" + Api.BOOTSTRAP.accountId() + ":role/" + name;
        callAs(PeerServices.STS, Purpose.ROLE_LOOKUP, body(Api.BOOTSTRAP.secret(), arn)).statusCode(200)
                .body("caller.arn", equalTo("arn:aws:iam::" + Api.BOOTSTRAP.accountId() + ":root"))
                .body("caller.accessKeyId", equalTo(Api.BOOTSTRAP.accessKeyId()))
                .body("role.arn", equalTo(arn)).body("role.maxSessionDuration", equalTo(7200))
                .body("role.tags[0].value", equalTo("core"))
                .body("callerRevisions.identity", greaterThan(0)).body("noSuchRole", equalTo(false));
        // read-your-writes: the role deleted a moment ago is gone on the next call
        Api.BOOTSTRAP.delete("roles/" + name).statusCode(204);
        callAs(PeerServices.STS, Purpose.ROLE_LOOKUP, body(Api.BOOTSTRAP.secret(), arn)).statusCode(200)
                .body("caller.arn", equalTo("arn:aws:iam::" + Api.BOOTSTRAP.accountId() + ":root"))
                .body("role", nullValue()).body("noSuchRole", equalTo(true));
    }

    static final String BATCH = PATH + ":batch";

    static byte[] batch(byte[]... bodies) throws Exception {
        List<Object> requests = new ArrayList<>();
        for (byte[] body : bodies) {
            requests.add(body == null ? null : InternalAuthenticationTest.JSON.readValue(body, Map.class));
        }
        return InternalAuthenticationTest.JSON.writeValueAsBytes(Map.of("requests", requests));
    }

    static ValidatableResponse batchAs(ServiceKey service, Purpose purpose, byte[] body) {
        // the path as it is, ':' and all (RestAssured would send it as %3A)
        return RestAssured.given().urlEncodingEnabled(false).contentType(ContentType.JSON).body(body)
                .header("Authorization", "Bearer " + PeerServices.token(service, purpose, "POST", BATCH, body)).post(BATCH).then();
    }

    @Test
    void aBatchAnswersEachLookupAsItsOwnCallWouldInOrder() throws Exception {
        String name = "lookup-" + UUID.randomUUID().toString().substring(0, 8);
        Api.BOOTSTRAP.post("roles", Api.role(name, Api.TRUST, "")).statusCode(201);
        String arn = "arn:aws:iam::" + Api.BOOTSTRAP.accountId() + ":role/" + name;
        String root = "arn:aws:iam::" + Api.BOOTSTRAP.accountId() + ":root";
        byte[] batch = batch(body(Api.BOOTSTRAP.secret(), arn), body("x".repeat(40), arn),
                body(Api.BOOTSTRAP.secret(), arn + "-gone"), body(Api.BOOTSTRAP.secret(), "arn:aws:iam::111122223333:user/x"), null);
        batchAs(PeerServices.STS, Purpose.ROLE_LOOKUP, batch).statusCode(200)
                .body("results.size()", equalTo(5))
                .body("results[0].status", equalTo(200)).body("results[0].answer.caller.arn", equalTo(root))
                .body("results[0].answer.role.arn", equalTo(arn)).body("results[0].answer.noSuchRole", equalTo(false))
                .body("results[0].code", nullValue())
                .body("results[1].status", equalTo(403)).body("results[1].code", equalTo("SignatureDoesNotMatch"))
                .body("results[1].answer", nullValue())
                .body("results[2].status", equalTo(200)).body("results[2].answer.caller.arn", equalTo(root))
                .body("results[2].answer.role", nullValue()).body("results[2].answer.noSuchRole", equalTo(true))
                .body("results[3].status", equalTo(400)).body("results[3].code", equalTo("ValidationError"))
                .body("results[3].detail", equalTo("roleArn must be a role's ARN"))
                .body("results[4].status", equalTo(400)).body("results[4].code", equalTo("ValidationError"));
        // the token binds the batch at its own path, for role look-ups by sts-service only
        Api.error(batchAs(PeerServices.STS, Purpose.AUTHENTICATE, batch), 403, "AccessDenied");
        Api.error(batchAs(PeerServices.POLICY, Purpose.ROLE_LOOKUP, batch), 403, "AccessDenied");
        byte[] single = body(Api.BOOTSTRAP.secret(), arn);
        Api.error(RestAssured.given().urlEncodingEnabled(false).contentType(ContentType.JSON).body(batch)
                .header("Authorization", "Bearer " + PeerServices.token(PeerServices.STS, Purpose.ROLE_LOOKUP, "POST", PATH, batch))
                .post(BATCH).then(), 403, "AccessDenied");
        Api.error(batchAs(PeerServices.STS, Purpose.ROLE_LOOKUP, batch()), 400, "ValidationError");
        byte[][] tooMany = new byte[101][];
        Arrays.fill(tooMany, single);
        Api.error(batchAs(PeerServices.STS, Purpose.ROLE_LOOKUP, batch(tooMany)), 400, "ValidationError");
    }

    @Test
    void aBadSignatureIsTheCallersErrorAndOnlyARoleLookupTokenIsAccepted() throws Exception {
        String arn = "arn:aws:iam::" + Api.BOOTSTRAP.accountId() + ":role/anything";
        Api.error(callAs(PeerServices.STS, Purpose.ROLE_LOOKUP, body("x".repeat(40), arn)), 403, "SignatureDoesNotMatch");
        byte[] good = body(Api.BOOTSTRAP.secret(), arn);
        Api.error(callAs(PeerServices.STS, Purpose.AUTHENTICATE, good), 403, "AccessDenied");
        Api.error(callAs(PeerServices.POLICY, Purpose.ROLE_LOOKUP, good), 403, "AccessDenied");
        Api.error(callAs(PeerServices.STS, Purpose.ROLE_LOOKUP, body(Api.BOOTSTRAP.secret(), "arn:aws:iam::111122223333:user/x")),
                400, "ValidationError");
    }
}
