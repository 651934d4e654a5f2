package dev.openiam.sts;

import dev.openiam.internalauth.SessionContext;
import dev.openiam.sts.credentials.CredentialIssuer;
import dev.openiam.sts.credentials.SessionCredentials;
import dev.openiam.testsupport.SignedQuery;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The STS front door with temporary credentials it issued itself: checked offline (no peer is reachable in this
 * module's tests), answered in STS's XML, every refusal an AWS error. What needs identity- and policy-service is in e2e.
 */
@QuarkusTest
class StsFrontDoorTest {

    private static final String ACCOUNT = "111122223333";
    private static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/app";
    private static final String SESSION_ARN = "arn:aws:sts::" + ACCOUNT + ":assumed-role/app/alice";

    @Inject
    CredentialIssuer issuer;

    private SessionCredentials roleSession(Instant issued, Duration lifetime, boolean chained) {
        return issuer.issue(ACCOUNT, SESSION_ARN, "AROAAAAAAAAAAAAAAAAA:alice", null, new SessionContext(ROLE_ARN, "AssumedRole",
                issued, issued.plus(lifetime), null, List.of(), Map.of("team", "blue"), List.of("team"), null, null, chained));
    }

    private SessionCredentials fresh() {
        return roleSession(Instant.now().truncatedTo(ChronoUnit.SECONDS), Duration.ofHours(1), false);
    }

    @Test
    void getCallerIdentityNamesTheAssumedRoleSession() {
        XmlPath result = ok(fresh(), "GetCallerIdentity");
        assertThat(result.getString("Arn")).isEqualTo(SESSION_ARN);
        assertThat(result.getString("UserId")).isEqualTo("AROAAAAAAAAAAAAAAAAA:alice");
        assertThat(result.getString("Account")).isEqualTo(ACCOUNT);
    }

    @Test
    void anAlteredTokenIsInvalidAndAnExpiredOneExpired() {
        SessionCredentials good = fresh();
        String token = good.sessionToken();
        char c = token.charAt(token.length() / 2);
        String altered = token.substring(0, token.length() / 2) + (c == 'A' ? 'B' : 'A') + token.substring(token.length() / 2 + 1);
        error(new SessionCredentials(good.accessKeyId(), good.secretAccessKey(), altered, good.expiration()), 403,
                "InvalidClientTokenId", "GetCallerIdentity");
        Instant longAgo = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        error(roleSession(longAgo, Duration.ofHours(1), false), 400, "ExpiredToken", "GetCallerIdentity");
    }

    @Test
    void aTokenOfAnotherKeyOrAWrongSecretIsRefused() {
        SessionCredentials one = fresh();
        SessionCredentials other = fresh();
        error(new SessionCredentials(one.accessKeyId(), one.secretAccessKey(), other.sessionToken(), one.expiration()), 403,
                "InvalidClientTokenId", "GetCallerIdentity");
        error(new SessionCredentials(one.accessKeyId(), other.secretAccessKey(), one.sessionToken(), one.expiration()), 403,
                "SignatureDoesNotMatch", "GetCallerIdentity");
    }

    @Test
    void unsignedUnknownAndWrongVersionRequestsAreRefused() {
        RestAssured.given().body("Action=GetCallerIdentity&Version=2011-06-15").contentType("application/x-www-form-urlencoded")
                .post("/").then().statusCode(403).body("ErrorResponse.Error.Code", equalTo("MissingAuthenticationToken"));
        error(fresh(), 400, "InvalidAction", "GetFederationTokens");
        call(fresh(), "GetCallerIdentity", "2010-05-08").statusCode(400).body("ErrorResponse.Error.Code", equalTo("InvalidAction"));
    }

    @Test
    void aLongTermKeyNeedsIdentityServiceWhichIsUnreachableHere() {
        SessionCredentials fake = new SessionCredentials("AKIAAAAAAAAAAAAAAAAA", "testRootSecretKeyOf40CharactersXXXXXXXXX", null, null);
        error(fake, 503, "ServiceUnavailable", "GetCallerIdentity");
    }

    @Test
    void assumeRoleValidatesBeforeAskingAnyone() {
        SessionCredentials session = fresh();
        error(session, 400, "ValidationError", "AssumeRole", "RoleArn", ROLE_ARN, "RoleSessionName", "bad name!");
        error(session, 400, "ValidationError", "AssumeRole", "RoleArn", ROLE_ARN, "RoleSessionName", "s", "DurationSeconds", "100");
        error(session, 400, "ValidationError", "AssumeRole", "RoleSessionName", "ok");
        error(session, 400, "MalformedPolicyDocument", "AssumeRole", "RoleArn", ROLE_ARN, "RoleSessionName", "ok",
                "Policy", "{\"Statement\":[]");
        String message = error(session, 400, "ValidationError", "AssumeRole", "RoleArn", ROLE_ARN, "RoleSessionName", "ok",
                "DurationSeconds", "7200");
        assertThat(message).contains("1 hour session limit for roles assumed by role chaining");
        error(session, 400, "ValidationError", "AssumeRole", "RoleArn", "arn:aws:iam::" + ACCOUNT + ":user/bob", "RoleSessionName", "ok");
        error(session, 400, "InvalidInput", "AssumeRole", "RoleArn", ROLE_ARN, "RoleSessionName", "ok",
                "Tags.member.1.Key", "team", "Tags.member.1.Value", "red");
    }

    @Test
    void aPackedPolicyPastItsSpaceIsRefused() {
        StringBuilder statements = new StringBuilder();
        for (int i = 0; statements.length() < 1900; i++) {
            statements.append(i == 0 ? "" : ",").append("{\"Effect\":\"Allow\",\"Action\":\"s3:Get").append(Integer.toHexString(i * 7919))
                    .append("\",\"Resource\":\"arn:aws:s3:::b").append(Integer.toHexString(i * 104729)).append("/*\"}");
        }
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}";
        List<String> params = new ArrayList<>(List.of("RoleArn", ROLE_ARN, "RoleSessionName", "ok", "Policy", policy));
        java.util.Random random = new java.util.Random(42);
        for (int i = 1; i <= 50; i++) {
            StringBuilder value = new StringBuilder();
            while (value.length() < 256) {
                value.append(Long.toHexString(random.nextLong()));
            }
            params.addAll(List.of("Tags.member." + i + ".Key", "k" + i, "Tags.member." + i + ".Value", value.substring(0, 256)));
        }
        SessionCredentials user = userSession();
        String message = error(user, 400, "PackedPolicyTooLarge", "AssumeRole", params.toArray(String[]::new));
        assertThat(message).matches("Packed policy consumes \\d+% of allotted space, please use smaller policy for this session\\.");
    }

    @Test
    void rootMayNotAssumeRolesAndSessionsGetNoSessionToken() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        SessionCredentials root = issuer.issue(ACCOUNT, "arn:aws:iam::" + ACCOUNT + ":root", ACCOUNT, null,
                new SessionContext("arn:aws:iam::" + ACCOUNT + ":root", "Root", now, now.plusSeconds(900), null, List.of(), null,
                        List.of(), null, null, false));
        assertThat(error(root, 403, "AccessDenied", "AssumeRole", "RoleArn", ROLE_ARN, "RoleSessionName", "ok"))
                .isEqualTo("Roles may not be assumed by root accounts.");
        assertThat(error(fresh(), 403, "AccessDenied", "GetSessionToken"))
                .isEqualTo("Cannot call GetSessionToken with session credentials");
    }

    private SessionCredentials userSession() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String user = "arn:aws:iam::" + ACCOUNT + ":user/alice";
        return issuer.issue(ACCOUNT, user, "AIDAAAAAAAAAAAAAAAAA", null, new SessionContext(user, "IAMUser", now,
                now.plusSeconds(900), null, List.of(), null, List.of(), null, null, false));
    }

    private XmlPath ok(SessionCredentials credentials, String action, String... params) {
        String xml = call(credentials, action, "2011-06-15", params).statusCode(200).extract().asString();
        assertThat(xml).contains("https://sts.amazonaws.com/doc/2011-06-15/");
        return new XmlPath(xml).setRootPath(action + "Response." + action + "Result");
    }

    private String error(SessionCredentials credentials, int status, String code, String action, String... params) {
        return call(credentials, action, "2011-06-15", params).statusCode(status).body("ErrorResponse.Error.Code", equalTo(code))
                .extract().xmlPath().getString("ErrorResponse.Error.Message");
    }

    /** A form body signed with SigV4 for {@code sts} by the SDK's own signer, as the CLI sends it. */
    static ValidatableResponse call(SessionCredentials credentials, String action, String version, String... params) {
        String body = SignedQuery.form(action, version, params);
        URI uri = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/");
        var given = RestAssured.given().body(body);
        SignedQuery.headers(uri, body, "sts", credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken())
                .forEach((name, values) -> values.forEach(value -> given.header(name, value)));
        return given.post("/").then();
    }
}
