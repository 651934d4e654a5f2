package dev.openiam.policyservice;

import io.restassured.path.xml.XmlPath;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static dev.openiam.policyservice.Iam.doc;
import static org.assertj.core.api.Assertions.assertThat;

/** The internal endpoint trusts only the front door's short-lived HS256 tokens; non-root callers are denied for now. */
@QuarkusTest
class InternalAuthTest {

    private static final Map<String, String> GET_ADMIN = Map.of("PolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess");

    @Test
    void acceptsTheFrontDoorsToken() {
        Iam iam = Iam.freshAccount();
        Response response = Iam.callWith("Bearer " + iam.token(), "GetPolicy", GET_ADMIN);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.asString()).contains("<GetPolicyResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">");
        assertThat(response.header("x-amzn-RequestId")).isNotBlank();
    }

    @Test
    void refusesMissingForgedMisaddressedAndExpiredTokens() {
        Iam iam = Iam.freshAccount();
        long now = System.currentTimeMillis() / 1000;
        denied(null);
        denied("Basic dXNlcjpwYXNz");
        denied("Bearer ");
        denied("Bearer not.a.jwt");
        denied("Bearer " + Jwt.issuer("openiam").audience("policy-service").subject(iam.callerArn())
                .claim("acct", iam.accountId()).claim("root", true).expiresIn(Duration.ofSeconds(60))
                .jws().algorithm(SignatureAlgorithm.HS256)
                .sign(new SecretKeySpec("another-secret-of-32-bytes-length!".getBytes(StandardCharsets.US_ASCII), "HmacSHA256")));
        denied("Bearer " + iam.token(c -> c.audience("sts-service")));
        denied("Bearer " + iam.token(c -> c.issuer("someone-else")));
        denied("Bearer " + iam.token(c -> c.issuedAt(now - 600).expiresAt(now - 300)));
        denied("Bearer " + iam.token(c -> c.expiresAt(now + 3600)));
        denied("Bearer " + iam.token(c -> c.claim("acct", "not-an-account")));
        denied("Bearer " + iam.token(c -> c.subject("alice")));
        // an unsigned token ("alg": "none") carrying a valid token's claims
        String claims = iam.token().split("\\.")[1];
        denied("Bearer " + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + claims + ".");
    }

    private static void denied(String authorization) {
        Response response = Iam.callWith(authorization, "GetPolicy", GET_ADMIN);
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
        Response badJson = io.restassured.RestAssured.given().contentType("application/json").header("Authorization",
                "Bearer " + iam.token()).body("{\"action\": [").post("/internal/v1/iam");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(new XmlPath(badJson.asString()).getString("ErrorResponse.Error.Code")).isEqualTo("ValidationError");
        Response missing = Iam.callWith("Bearer " + iam.token(), null, Map.of());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(new XmlPath(missing.asString()).getString("ErrorResponse.Error.Code")).isEqualTo("MissingAction");
    }
}
