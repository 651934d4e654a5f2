package dev.openiam.sts.webidentity;

import dev.openiam.internalauth.SessionContext;
import dev.openiam.model.AccessKeyIds;
import dev.openiam.model.EntityType;
import dev.openiam.sts.credentials.CredentialIssuer;
import dev.openiam.sts.credentials.SessionCredentials;
import dev.openiam.testsupport.SignedQuery;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * AssumeRoleWithWebIdentity and GetAccessKeyInfo at the front door, with no peer reachable (this module's tests have
 * none): the unsigned action validates and reads the token before asking anyone, and fails closed when it must ask;
 * GetAccessKeyInfo needs a signature. The whole flow, with identity- and policy-service, is in e2e.
 */
@QuarkusTest
class WebIdentityFrontDoorTest {

    static final String ROLE_ARN = "arn:aws:iam::111122223333:role/app";

    @Inject
    CredentialIssuer issuer;

    static String token(String issuerUrl) throws Exception {
        PublicJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("k1");
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuerUrl);
        claims.setSubject("system:serviceaccount:ns:app");
        claims.setAudience("sts.amazonaws.com");
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().getEpochSecond() + 600));
        return IdentityTokensTest.sign(claims, key, AlgorithmIdentifiers.RSA_USING_SHA256);
    }

    static ValidatableResponse unsigned(String... params) {
        return RestAssured.given().contentType("application/x-www-form-urlencoded")
                .body(SignedQuery.form("AssumeRoleWithWebIdentity", "2011-06-15", params)).post("/").then();
    }

    static String error(ValidatableResponse response, int status, String code) {
        return response.statusCode(status).body("ErrorResponse.Error.Code", equalTo(code)).extract().xmlPath()
                .getString("ErrorResponse.Error.Message");
    }

    @Test
    void theRequestIsValidatedAndTheTokenReadWithoutCredentials() throws Exception {
        String good = token("https://issuer.example.com/c1");
        error(unsigned("RoleArn", ROLE_ARN, "RoleSessionName", "s1"), 400, "ValidationError");
        error(unsigned("RoleArn", ROLE_ARN, "RoleSessionName", "bad name!", "WebIdentityToken", good), 400, "ValidationError");
        error(unsigned("RoleArn", ROLE_ARN, "RoleSessionName", "s1", "WebIdentityToken", "abc"), 400, "ValidationError");
        error(unsigned("RoleArn", ROLE_ARN, "RoleSessionName", "s1", "WebIdentityToken", "x".repeat(20_001)), 400, "ValidationError");
        error(unsigned("RoleArn", ROLE_ARN, "RoleSessionName", "s1", "WebIdentityToken", good, "DurationSeconds", "600"), 400,
                "ValidationError");
        error(unsigned("RoleArn", "arn:aws:iam::111122223333:user/bob", "RoleSessionName", "s1", "WebIdentityToken", good), 400,
                "ValidationError");
        error(unsigned("RoleArn", ROLE_ARN, "RoleSessionName", "s1", "WebIdentityToken", good, "Policy", "{\"Statement\":["), 400,
                "MalformedPolicyDocument");
        assertThat(error(unsigned("RoleArn", ROLE_ARN, "RoleSessionName", "s1", "WebIdentityToken", good, "ProviderId", "www.amazon.com"),
                400, "InvalidIdentityToken")).contains("ProviderId");
        error(unsigned("RoleArn", ROLE_ARN, "RoleSessionName", "s1", "WebIdentityToken", "not.a.token"), 400, "InvalidIdentityToken");
        assertThat(error(unsigned("RoleArn", ROLE_ARN, "RoleSessionName", "s1", "WebIdentityToken", token("http://issuer.example.com")),
                400, "InvalidIdentityToken")).isEqualTo("No OpenIDConnect provider found in your account for http://issuer.example.com");
        // a good-looking token needs identity-service's provider, unreachable here: fail closed
        error(unsigned("RoleArn", ROLE_ARN, "RoleSessionName", "s1", "WebIdentityToken", good), 503, "ServiceUnavailable");
    }

    @Test
    void aSignatureOnAssumeRoleWithWebIdentityIsIgnored() {
        String body = SignedQuery.form("AssumeRoleWithWebIdentity", "2011-06-15", "RoleArn", ROLE_ARN, "RoleSessionName", "s1",
                "WebIdentityToken", "not.a.token");
        var given = RestAssured.given().body(body);
        // a long-term key would need identity-service (unreachable here): the action is served without looking at it
        SignedQuery.headers(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/"), body, "sts", "AKIAAAAAAAAAAAAAAAAA",
                "testRootSecretKeyOf40CharactersXXXXXXXXX", null).forEach((name, values) -> values.forEach(v -> given.header(name, v)));
        error(given.post("/").then(), 400, "InvalidIdentityToken");
    }

    @Test
    void getAccessKeyInfoNeedsASignedCallerAndAWellFormedKeyId() {
        RestAssured.given().contentType("application/x-www-form-urlencoded")
                .body(SignedQuery.form("GetAccessKeyInfo", "2011-06-15", "AccessKeyId", "AKIAAAAAAAAAAAAAAAAA")).post("/").then()
                .statusCode(403).body("ErrorResponse.Error.Code", equalTo("MissingAuthenticationToken"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        SessionCredentials session = issuer.issue("111122223333", "arn:aws:sts::111122223333:assumed-role/app/s1",
                "AROAAAAAAAAAAAAAAAAA:s1", null, new SessionContext(ROLE_ARN, "AssumedRole", now, now.plusSeconds(900), null, List.of(),
                        Map.of(), List.of(), null, null, false));
        // the temporary key names its account in its id
        assertThat(AccessKeyIds.accountOf(EntityType.TEMPORARY_ACCESS_KEY, session.accessKeyId())).isEqualTo("111122223333");
        String body = SignedQuery.form("GetAccessKeyInfo", "2011-06-15", "AccessKeyId", "AKIA-not-a-key");
        var given = RestAssured.given().body(body);
        SignedQuery.headers(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/"), body, "sts", session.accessKeyId(),
                session.secretAccessKey(), session.sessionToken()).forEach((name, values) -> values.forEach(v -> given.header(name, v)));
        error(given.post("/").then(), 400, "ValidationError");
    }
}
