package dev.openiam.glue.denial;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.internalauth.PeerKeys;
import dev.openiam.internalauth.ServiceKey;
import dev.openiam.internalauth.TrustedKeys;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthorizationMessageCodecTest {

    static final ServiceKey IDENTITY = ServiceKey.generate("identity-service");
    static final ServiceKey STS = ServiceKey.generate("sts-service");
    static final ServiceKey SESSION = ServiceKey.generate("session");
    static final ServiceKey POLICY = ServiceKey.generate("policy-service");
    static final TrustedKeys TRUSTED = TrustedKeys.of(IDENTITY, STS, POLICY);
    static final String ACCOUNT = "123456789012";
    static final AuthorizationMessage DENIAL = new AuthorizationMessage(false, true, List.of("arn:aws:iam::123456789012:policy/p:NoDelete"),
            "AIDAAAAAAAAAAAAAAAAA", "arn:aws:iam::123456789012:user/alice", "iam:DeleteUser",
            "arn:aws:iam::123456789012:user/bob", Map.of("aws:SourceIp", List.of("10.0.0.1"), "aws:MultiFactorAuthPresent", List.of("false")));

    final AuthorizationMessageCodec identity = codec(IDENTITY, TRUSTED, SESSION, Clock.systemUTC());
    final AuthorizationMessageCodec sts = codec(STS, TRUSTED, SESSION, Clock.systemUTC());

    static AuthorizationMessageCodec codec(ServiceKey own, TrustedKeys peers, ServiceKey session, Clock clock) {
        return new AuthorizationMessageCodec(new PeerKeys(own, peers), session, clock);
    }

    @Test
    void anotherServiceDecodesWhatOneEncodedInAwsShape() throws Exception {
        AuthorizationMessageCodec.Decoded decoded = sts.decode(identity.encode(DENIAL), ACCOUNT);
        assertThat(decoded.issuer()).isEqualTo("identity-service");
        JsonNode json = new ObjectMapper().readTree(decoded.decodedMessage());
        assertThat(json.path("allowed").asBoolean(true)).isFalse();
        assertThat(json.path("explicitDeny").asBoolean()).isTrue();
        assertThat(json.at("/matchedStatements/items/0/statementId").asText()).isEqualTo("arn:aws:iam::123456789012:policy/p:NoDelete");
        assertThat(json.at("/matchedStatements/items/0/effect").asText()).isEqualTo("DENY");
        assertThat(json.at("/failures/items").isArray()).isTrue();
        assertThat(json.at("/context/principal/id").asText()).isEqualTo("AIDAAAAAAAAAAAAAAAAA");
        assertThat(json.at("/context/principal/arn").asText()).isEqualTo("arn:aws:iam::123456789012:user/alice");
        assertThat(json.at("/context/action").asText()).isEqualTo("iam:DeleteUser");
        assertThat(json.at("/context/resource").asText()).isEqualTo("arn:aws:iam::123456789012:user/bob");
        assertThat(json.at("/context/conditions/items/0/key").asText()).isEqualTo("aws:MultiFactorAuthPresent");
        assertThat(json.at("/context/conditions/items/1/key").asText()).isEqualTo("aws:SourceIp");
        assertThat(json.at("/context/conditions/items/1/values/items/0/value").asText()).isEqualTo("10.0.0.1");
    }

    @Test
    void stsDecodesItsOwnMessages() {
        assertThat(sts.decode(sts.encode(DENIAL), ACCOUNT).issuer()).isEqualTo("sts-service");
    }

    @Test
    void onlyStsDecodes() {
        AuthorizationMessageCodec policy = codec(POLICY, TRUSTED, SESSION, Clock.systemUTC());
        String encoded = identity.encode(DENIAL);
        // the MAC key is identity-service's and sts-service's: policy-service holds the wrapping key, not the MAC key
        assertThatThrownBy(() -> policy.decode(encoded, ACCOUNT)).isInstanceOfSatisfying(IamException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_AUTHORIZATION_MESSAGE));
        assertThat(sts.decode(encoded, ACCOUNT).issuer()).isEqualTo("identity-service");
    }

    @Test
    void theMessageIsOpaque() {
        String encoded = identity.encode(DENIAL);
        assertThat(encoded.split("\\.")).hasSize(5);
        for (String part : encoded.split("\\.")) {
            String text = new String(Base64.getUrlDecoder().decode(part), StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotContain("iam:DeleteUser").doesNotContain("alice").doesNotContain("10.0.0.1");
        }
    }

    @Test
    void anAlteredMessageIsInvalid() {
        String encoded = identity.encode(DENIAL);
        String[] parts = encoded.split("\\.");
        char[] ciphertext = parts[3].toCharArray();
        ciphertext[5] = ciphertext[5] == 'A' ? 'B' : 'A';
        parts[3] = new String(ciphertext);
        assertInvalid(String.join(".", parts), ACCOUNT);
        assertInvalid(encoded.substring(0, encoded.length() - 2), ACCOUNT);
        assertInvalid("not-a-message", ACCOUNT);
        assertInvalid("", ACCOUNT);
    }

    @Test
    void aMessageMacdByAKeyNotTrustedIsInvalid() {
        ServiceKey stranger = ServiceKey.generate("identity-service");
        assertInvalid(codec(stranger, TRUSTED, SESSION, Clock.systemUTC()).encode(DENIAL), ACCOUNT);
    }

    @Test
    void aMessageEncryptedToAnotherKeyIsInvalid() {
        assertInvalid(codec(IDENTITY, TRUSTED, ServiceKey.generate("session"), Clock.systemUTC()).encode(DENIAL), ACCOUNT);
    }

    @Test
    void anotherAccountsMessageIsInvalid() {
        assertInvalid(identity.encode(DENIAL), "210987654321");
    }

    @Test
    void anExpiredMessageIsInvalid() {
        Clock eightDaysAgo = Clock.fixed(Instant.now().minus(AuthorizationMessageCodec.LIFETIME).minusSeconds(60), ZoneOffset.UTC);
        assertInvalid(codec(IDENTITY, TRUSTED, SESSION, eightDaysAgo).encode(DENIAL), ACCOUNT);
    }

    private void assertInvalid(String encoded, String account) {
        assertThatThrownBy(() -> sts.decode(encoded, account)).isInstanceOfSatisfying(IamException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_AUTHORIZATION_MESSAGE));
    }
}
