package dev.openiam.internalauth;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceTrustTest {

    @Test
    void twoServicesWithTheirOwnKeysTrustEachOther(@TempDir Path dir) throws IOException {
        write(dir, "identity-service");
        write(dir, "policy-service");
        ServiceTrust identity = load(dir, "identity-service", Map.of(Purpose.SNAPSHOT, Set.of("policy-service")));
        ServiceTrust policy = load(dir, "policy-service", Map.of(Purpose.DECIDE, Set.of("identity-service")));
        assertThat(identity.usable()).isTrue();
        assertThat(identity.problem()).isEmpty();
        String token = identity.issue("policy-service", Purpose.DECIDE, "POST", "/v1/authorize", new byte[] {1}, null, null);
        assertThat(policy.verify("Bearer " + token, Purpose.DECIDE, "POST", "/v1/authorize", new byte[] {1}).issuer())
                .isEqualTo("identity-service");
        assertThat(identity.publicJwks()).isEqualTo(Files.readString(dir.resolve("identity-service.jwks.json")));
    }

    @Test
    void withoutUsableKeysEveryCallIsRefusedAndTheReasonIsKnown(@TempDir Path dir) throws IOException {
        ServiceTrust noKey = ServiceTrust.load("policy-service", Optional.empty(), Optional.of(dir), Map.of(), 10, Clock.systemUTC());
        assertThat(noKey.usable()).isFalse();
        assertThat(noKey.problem()).hasValueSatisfying(problem -> assertThat(problem).contains("service-key-file"));
        assertThat(noKey.publicJwks()).isEqualTo("{\"keys\":[]}");
        assertThatThrownBy(() -> noKey.verify("Bearer x", Purpose.DECIDE, "POST", "/v1/authorize", new byte[0]))
                .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED));
        assertThatThrownBy(() -> noKey.issue("identity-service", Purpose.SNAPSHOT, "GET", "/x", null, null, null))
                .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));

        Path keyFile = dir.resolve("policy-service.pem");
        Files.writeString(keyFile, ServiceKey.generate("policy-service").privateKeyPem());
        Path empty = Files.createDirectory(dir.resolve("empty"));
        ServiceTrust noPeers = ServiceTrust.load("policy-service", Optional.of(keyFile), Optional.of(empty), Map.of(), 10, Clock.systemUTC());
        assertThat(noPeers.problem()).hasValueSatisfying(problem -> assertThat(problem).contains("trusted keys"));
        Files.writeString(keyFile, "garbage");
        ServiceTrust badKey = ServiceTrust.load("policy-service", Optional.of(keyFile), Optional.of(dir), Map.of(), 10, Clock.systemUTC());
        assertThat(badKey.problem()).hasValueSatisfying(problem -> assertThat(problem).contains("cannot be used"));
        ServiceTrust missingDir = ServiceTrust.load("policy-service", Optional.of(keyFile), Optional.of(dir.resolve("nowhere")),
                Map.of(), 10, Clock.systemUTC());
        assertThat(missingDir.usable()).isFalse();
    }

    @Test
    void readsTheAllowListsByPurposeName() {
        assertThat(ServiceTrust.allowed(Map.of("forward", List.of("identity-service"), "decide", List.of(" identity-service", "sts-service", ""))))
                .isEqualTo(Map.of(Purpose.FORWARD, Set.of("identity-service"), Purpose.DECIDE, Set.of("identity-service", "sts-service")));
        assertThatThrownBy(() -> ServiceTrust.allowed(Map.of("everything", List.of("identity-service"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iam.trust.allow.everything");
    }

    /** Writes {@code name}'s key pair into {@code dir} (the shared key directory). */
    private static void write(Path dir, String name) throws IOException {
        ServiceKey key = ServiceKey.generate(name);
        Files.writeString(dir.resolve(name + ".pem"), key.privateKeyPem());
        Files.writeString(dir.resolve(name + TrustedKeys.SUFFIX), key.trustJwks());
    }

    /** {@code name}'s trust from the key directory. */
    private static ServiceTrust load(Path dir, String name, Map<Purpose, Set<String>> allowed) {
        return ServiceTrust.load(name, Optional.of(dir.resolve(name + ".pem")), Optional.of(dir), allowed, 100, Clock.systemUTC());
    }
}
