package dev.openiam.sts;

import dev.openiam.glue.session.SessionTokens;
import dev.openiam.internalauth.ServiceKey;
import dev.openiam.internalauth.SessionContext;
import dev.openiam.sessiontoken.SessionClaims;
import dev.openiam.sessiontoken.SessionTokenIssuer;
import dev.openiam.sts.credentials.CredentialIssuer;
import dev.openiam.sts.credentials.SessionCredentials;
import dev.openiam.sts.signingkeys.SigningKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.jose4j.jwk.JsonWebKeySet;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Session-signing keys rotate: after a rotation a new key signs, the retired key is still published and its tokens
 * still work at the front door; once it is withdrawn (its last token expired) its tokens are refused as
 * InvalidClientTokenId, as is a token signed with a key never published. The current key's issuer is made at start.
 */
@QuarkusTest
class SigningKeysTest {

    private static final String ACCOUNT = "555566667777";

    @Inject
    SigningKeys keys;
    @Inject
    CredentialIssuer issuer;
    @Inject
    SessionTokens tokens;
    @Inject
    Pool pool;

    @Test
    void theIssuerIsPreparedAtStartSoTheFirstCallerDoesNotPayForIt() {
        // CredentialIssuer.prepare: the current key's issuer made and a throwaway token minted before anyone asks
        assertThat(issuer.preparedAtStart()).isTrue();
    }

    @Test
    void aNewKeySignsAfterRotationAndTheRetiredOneVerifiesUntilWithdrawn() throws Exception {
        SessionCredentials before = issue();
        SessionCredentials neverShown = issue();
        String oldKid = keys.current().kid();
        call(before).statusCode(200);

        keys.rotateNow().await().atMost(Duration.ofSeconds(30));
        String newKid = keys.current().kid();
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(publishedKids()).contains(oldKid, newKid);
        SessionCredentials after = issue();
        call(after).statusCode(200).body("GetCallerIdentityResponse.GetCallerIdentityResult.Arn", equalTo(arn(after)));
        // a token signed before the rotation still works after it
        call(before).statusCode(200);

        // the retired key is withdrawn once its last token has expired: what it signed is refused from then on
        pool.preparedQuery("delete from sts.signing_keys where kid = $1").execute(Tuple.of(oldKid)).await().atMost(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> !keys.refresh().await().atMost(Duration.ofSeconds(30)).contains(oldKid));
        assertThat(publishedKids()).contains(newKid).doesNotContain(oldKid);
        error(call(neverShown), "InvalidClientTokenId");
        call(after).statusCode(200);

        // a key never published
        ServiceKey stranger = ServiceKey.generate("sts-service");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        SessionClaims claims = new SessionClaims("ASIAFORGEDFORGEDFORG", "forged/secret/of/forty/characters/xxxxxxx", ACCOUNT,
                "arn:aws:sts::" + ACCOUNT + ":assumed-role/app/forged", "AROAFORGEDFORGEDFORG:forged",
                "arn:aws:iam::" + ACCOUNT + ":role/app", "AssumedRole", now, now.plusSeconds(900), null, null, List.of(), Map.of(),
                List.of(), null, null, false);
        String forged = new SessionTokenIssuer(stranger, tokens.encryptionKey().orElseThrow()).issue(claims);
        error(call(new SessionCredentials(claims.accessKeyId(), claims.secretAccessKey(), forged, claims.expiresAt())),
                "InvalidClientTokenId");
    }

    private SessionCredentials issue() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String session = "k" + UUID.randomUUID().toString().substring(0, 8);
        return issuer.issue(ACCOUNT, "arn:aws:sts::" + ACCOUNT + ":assumed-role/app/" + session, "AROAAPPAPPAPPAPPAPPA:" + session,
                null, new SessionContext("arn:aws:iam::" + ACCOUNT + ":role/app", "AssumedRole", now, now.plus(Duration.ofHours(1)),
                        null, List.of(), Map.of(), List.of(), null, null, false));
    }

    private String arn(SessionCredentials credentials) {
        return tokens.open(credentials.sessionToken(), credentials.accessKeyId()).arn();
    }

    private static io.restassured.response.ValidatableResponse call(SessionCredentials credentials) {
        return StsFrontDoorTest.call(credentials, "GetCallerIdentity", "2011-06-15");
    }

    private static void error(io.restassured.response.ValidatableResponse response, String code) {
        response.statusCode(403).body("ErrorResponse.Error.Code", equalTo(code));
    }

    private static List<String> publishedKids() throws Exception {
        String jwks = RestAssured.get("/internal/v1/session-keys").then().statusCode(200).extract().asString();
        return new JsonWebKeySet(jwks).getJsonWebKeys().stream().map(k -> k.getKeyId()).toList();
    }
}
