package dev.openiam.policyservice;

import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.TokenIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.openiam.policyservice.Iam.doc;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The internal IAM endpoint performs only what the front door forwards under its own forward token: for the action
 * the token names and a caller of a 12-digit account. (Forged, replayed, altered, expired, wrong-purpose and
 * other-service tokens: {@link ServiceTokenTest}.)
 */
@QuarkusTest
class InternalAuthTest {

    private static final Map<String, String> GET_ADMIN = Map.of("PolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess");

    @Test
    void acceptsTheFrontDoorsToken() {
        Response response = Iam.freshAccount().call("GetPolicy", "PolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.asString()).contains("<GetPolicyResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">");
        assertThat(response.header("x-amzn-RequestId")).isNotBlank();
    }

    @Test
    void refusesMissingAndMalformedTokens() {
        byte[] body = Iam.body("GetPolicy", GET_ADMIN);
        denied(null, body);
        denied("Basic dXNlcjpwYXNz", body);
        denied("Bearer ", body);
        denied("Bearer not.a.jwt", body);
        // an unsigned token ("alg": "none") carrying a valid token's claims
        String claims = Iam.freshAccount().token(body, "GetPolicy").split("\\.")[1];
        denied("Bearer " + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + claims + ".", body);
    }

    @Test
    void refusesATokenForAnotherActionOrWithoutAProperCaller() {
        Iam iam = Iam.freshAccount();
        byte[] body = Iam.body("GetPolicy", GET_ADMIN);
        denied("Bearer " + iam.token(body, "DeletePolicy"), body);
        TokenIssuer identity = new TokenIssuer(Iam.IDENTITY, Iam.TRUSTED);
        denied("Bearer " + identity.issue("policy-service", Purpose.FORWARD, "POST", Iam.PATH, body, null, "iam:GetPolicy"), body);
        denied("Bearer " + identity.issue("policy-service", Purpose.FORWARD, "POST", Iam.PATH, body, iam.claims(), null), body);
        CallerClaims badAccount = new CallerClaims(iam.callerArn(), "not-an-account", "x", "AKIAAAAAAAAAAAAAAAAA", true);
        denied("Bearer " + identity.issue("policy-service", Purpose.FORWARD, "POST", Iam.PATH, body, badAccount, "iam:GetPolicy"), body);
        CallerClaims badArn = new CallerClaims("alice", iam.accountId(), "x", "AKIAAAAAAAAAAAAAAAAA", false);
        denied("Bearer " + identity.issue("policy-service", Purpose.FORWARD, "POST", Iam.PATH, body, badArn, "iam:GetPolicy"), body);
    }

    static void denied(String authorization, byte[] body) {
        Response response = Iam.post(Iam.PATH, authorization, body);
        assertThat(response.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
        assertThat(response.contentType()).startsWith("text/xml");
        assertThat(new XmlPath(response.asString()).getString("ErrorResponse.Error.Code")).isEqualTo("AccessDenied");
    }

    /** policy-service decides a non-root caller's forwarded action itself: denied, nothing is written; allowed, it runs. */
    @Test
    void aNonRootCallersForwardedActionIsDecidedHereAndDeniedWritesNothing() {
        Iam root = Iam.freshAccount();
        IdentityStandIn.user(root.accountId(), "alice");
        Iam alice = root.asUser("alice");
        long before = root.revision();
        Response denied = alice.call("CreatePolicy", "PolicyName", "P", "PolicyDocument", doc("s3:*"));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(new XmlPath(denied.asString()).getString("ErrorResponse.Error.Code")).isEqualTo("AccessDenied");
        assertThat(root.revision()).isEqualTo(before);

        long granted = root.written("PutUserPolicy", "UserName", "alice", "PolicyName", "create",
                "PolicyDocument", doc("iam:CreatePolicy"));
        Response response = alice.call("CreatePolicy", "PolicyName", "P", "PolicyDocument", doc("s3:*"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new XmlPath(response.asString()).getString("CreatePolicyResponse.CreatePolicyResult.Policy.Arn"))
                .isEqualTo(root.arn("policy/P"));
        assertThat(root.revision()).isEqualTo(granted + 1);
    }

    @Test
    void unknownActionsAreInvalidAction() {
        Iam iam = Iam.freshAccount();
        iam.fails(400, "InvalidAction", "Could not find operation CreateUser for version 2010-05-08", "CreateUser",
                "UserName", "x");
        iam.fails(400, "InvalidAction", "Could not find operation GetPolicy for version 2011-06-15", "GetPolicy",
                "PolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess", "Version", "2011-06-15");
        byte[] badJson = "{\"action\": [".getBytes(StandardCharsets.UTF_8);
        Response bad = Iam.post(Iam.PATH, "Bearer " + iam.token(badJson, "GetPolicy"), badJson);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(new XmlPath(bad.asString()).getString("ErrorResponse.Error.Code")).isEqualTo("ValidationError");
        byte[] noAction = Iam.body(null, Map.of());
        Response missing = Iam.post(Iam.PATH, "Bearer " + iam.token(noAction, "GetPolicy"), noAction);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(new XmlPath(missing.asString()).getString("ErrorResponse.Error.Code")).isEqualTo("MissingAction");
    }
}
