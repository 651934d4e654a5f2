package dev.openiam.internalauth;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceKeyTest {

    @Test
    void aKeyReadBackFromItsPemIsTheSameKey() {
        ServiceKey key = ServiceKey.generate("policy-service");
        ServiceKey again = ServiceKey.fromPem("policy-service", key.privateKeyPem());
        assertThat(again.kid()).isEqualTo(key.kid());
        assertThat(again.publicKey()).isEqualTo(key.publicKey());
        assertThat(key.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(ServiceKey.generate("policy-service").kid()).as("a new key, a new kid").isNotEqualTo(key.kid());
    }

    @Test
    void readsAnOpenSslKeyAndDerivesTheSamePublicKeyAsOpenSsl() throws Exception {
        ServiceKey key = ServiceKey.fromPem("identity-service", resource("openssl/openssl-p256.pem"));
        String spki = resource("openssl/openssl-p256.pub.pem").replaceAll("-----[A-Z ]+-----|\\s", "");
        PublicKey openssl = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(spki)));
        assertThat(key.publicKey()).isEqualTo(openssl);
        // and a token it makes verifies with its published JWKS
        ServiceKey policy = ServiceKey.generate("policy-service");
        String token = new TokenIssuer(key, TrustedKeys.of(policy)).issue("policy-service", Purpose.DECIDE, "POST", "/v1/authorize", new byte[0], null, null);
        TokenVerifier verifier = new TokenVerifier(policy, TrustedKeys.fromJwks(Map.of("identity-service", key.trustJwks())),
                Map.of(Purpose.DECIDE, Set.of("identity-service")), java.time.Clock.systemUTC());
        assertThat(verifier.verify("Bearer " + token, Purpose.DECIDE, "POST", "/v1/authorize", new byte[0]).issuer())
                .isEqualTo("identity-service");
    }

    @Test
    void publishesOnlyThePublicKeyWithItsKidAlgorithmAndUse() {
        ServiceKey key = ServiceKey.generate("identity-service");
        assertThat(key.publicJwks()).contains("\"kid\":\"" + key.kid() + "\"", "\"alg\":\"ES256\"", "\"use\":\"sig\"",
                "\"crv\":\"P-256\"", "\"kty\":\"EC\"").doesNotContain("\"d\"");
    }

    @Test
    void derivesItsKeyAgreementKeyFromTheSigningKeyAlwaysTheSameAndPublishesBoth() {
        ServiceKey key = ServiceKey.generate("identity-service");
        ServiceKey again = ServiceKey.fromPem("identity-service", key.privateKeyPem());
        assertThat(again.agreementKey().kid()).isEqualTo(key.agreementKey().kid()).isNotEqualTo(key.kid());
        assertThat(again.agreementKey().publicJwk().getECPublicKey()).isEqualTo(key.agreementKey().publicJwk().getECPublicKey())
                .isNotEqualTo(key.publicKey());
        // another service's name, or another signing key, gives another agreement key
        assertThat(ServiceKey.fromPem("policy-service", key.privateKeyPem()).agreementKey().kid()).isNotEqualTo(key.agreementKey().kid());
        assertThat(ServiceKey.generate("identity-service").agreementKey().kid()).isNotEqualTo(key.agreementKey().kid());
        assertThat(key.trustJwks()).contains("\"kid\":\"" + key.kid() + "\"", "\"kid\":\"" + key.agreementKey().kid() + "\"",
                "\"use\":\"sig\"", "\"use\":\"enc\"", "\"alg\":\"ECDH-ES\"").doesNotContain("\"d\"");
        // the signing-only document is unchanged (session-token keys and others use it)
        assertThat(key.publicJwks()).doesNotContain("enc");
    }

    @Test
    void readsAKeyFile(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        ServiceKey key = ServiceKey.generate("sts-service");
        Path file = dir.resolve("sts-service.pem");
        Files.writeString(file, key.privateKeyPem());
        assertThat(ServiceKey.read("sts-service", file).kid()).isEqualTo(key.kid());
    }

    @Test
    void refusesWhatIsNotAP256PrivateKeyOrABadServiceName() {
        assertThatThrownBy(() -> ServiceKey.fromPem("policy-service", resource("openssl/openssl-p384.pem")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("P-256");
        assertThatThrownBy(() -> ServiceKey.fromPem("policy-service", resource("openssl/openssl-rsa.pem")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServiceKey.fromPem("policy-service", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServiceKey.fromPem("policy-service", resource("openssl/openssl-p256.pub.pem")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServiceKey.generate("Policy Service")).isInstanceOf(IllegalArgumentException.class);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ServiceKeyTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
