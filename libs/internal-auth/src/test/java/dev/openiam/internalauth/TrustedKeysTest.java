package dev.openiam.internalauth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedKeysTest {

    static final ServiceKey IDENTITY = ServiceKey.generate("identity-service");
    static final ServiceKey POLICY = ServiceKey.generate("policy-service");

    @Test
    void readsTheJwksFilesOfADirectoryAndNothingElse(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("identity-service.jwks.json"), IDENTITY.trustJwks());
        Files.writeString(dir.resolve("policy-service.jwks.json"), POLICY.publicJwks());
        Files.writeString(dir.resolve("policy-service.pem"), POLICY.privateKeyPem());
        Files.writeString(dir.resolve("notes.txt"), "not a key");
        TrustedKeys keys = TrustedKeys.fromDirectory(dir);
        assertThat(keys.services()).isEqualTo(Set.of("identity-service", "policy-service"));
        assertThat(keys.serviceOf(IDENTITY.kid())).contains("identity-service");
        assertThat(keys.serviceOf(POLICY.kid())).contains("policy-service");
        assertThat(keys.serviceOf("other")).isEmpty();
        assertThat(keys.serviceOf(null)).isEmpty();
        // identity-service's agreement key beside its signing key; policy-service published none (no tokens to it)
        assertThat(keys.agreementOf("identity-service").map(TrustedKeys.Agreement::kid)).contains(IDENTITY.agreementKey().kid());
        assertThat(keys.agreement(IDENTITY.agreementKey().kid()).map(TrustedKeys.Agreement::service)).contains("identity-service");
        assertThat(keys.serviceOf(IDENTITY.agreementKey().kid())).as("an agreement key signs nothing").isEmpty();
        assertThat(keys.agreementOf("policy-service")).isEmpty();
        assertThat(keys.jwks()).doesNotContain(IDENTITY.agreementKey().kid());
    }

    @Test
    void holdsSeveralKeysOfOneServiceWhileOneIsRotatedOut() {
        ServiceKey next = ServiceKey.generate("identity-service");
        String both = "{\"keys\":[" + inner(IDENTITY) + "," + inner(next) + "]}";
        TrustedKeys keys = TrustedKeys.fromJwks(Map.of("identity-service", both));
        assertThat(keys.serviceOf(IDENTITY.kid())).contains("identity-service");
        assertThat(keys.serviceOf(next.kid())).contains("identity-service");
    }

    @Test
    void refusesAKidOfTwoServicesKeysWithoutKidOtherKeyTypesAndBadDocuments() {
        assertThatThrownBy(() -> TrustedKeys.fromJwks(Map.of("identity-service", IDENTITY.publicJwks(), "sts-service", IDENTITY.publicJwks())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both");
        String noKid = IDENTITY.publicJwks().replaceAll("\"kid\":\"[^\"]+\",?", "");
        assertThatThrownBy(() -> TrustedKeys.fromJwks(Map.of("identity-service", noKid))).isInstanceOf(IllegalArgumentException.class);
        String rs256 = IDENTITY.publicJwks().replace("\"ES256\"", "\"RS256\"");
        assertThatThrownBy(() -> TrustedKeys.fromJwks(Map.of("identity-service", rs256))).isInstanceOf(IllegalArgumentException.class);
        String encryption = IDENTITY.publicJwks().replace("\"use\":\"sig\"", "\"use\":\"enc\"");
        assertThatThrownBy(() -> TrustedKeys.fromJwks(Map.of("identity-service", encryption))).isInstanceOf(IllegalArgumentException.class);
        String agreementAsEs256 = IDENTITY.trustJwks().replace("\"ECDH-ES\"", "\"ES256\"");
        assertThatThrownBy(() -> TrustedKeys.fromJwks(Map.of("identity-service", agreementAsEs256))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustedKeys.fromJwks(Map.of("identity-service", IDENTITY.trustJwks(), "sts-service", IDENTITY.trustJwks())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both");
        String secret = "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"k\",\"k\":\"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA\"}]}";
        assertThatThrownBy(() -> TrustedKeys.fromJwks(Map.of("identity-service", secret))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustedKeys.fromJwks(Map.of("identity-service", "{"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(TrustedKeys.fromJwks(Map.of()).isEmpty()).isTrue();
    }

    private static String inner(ServiceKey key) {
        String jwks = key.publicJwks();
        return jwks.substring(jwks.indexOf('[') + 1, jwks.lastIndexOf(']'));
    }
}
