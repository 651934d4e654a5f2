package dev.openiam.local;

import dev.openiam.internalauth.ServiceKey;
import dev.openiam.internalauth.TrustedKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceKeysTest {

    @Test
    void generatesEachPrivateKeyOnceReadableByTheOwnerOnlyAndPublishesItsJwks(@TempDir Path home) throws Exception {
        Path keys = home.resolve("keys");
        ServiceKeys.ensure(keys, List.of("identity-service", "policy-service"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("identity-service.pem"))))
                .isEqualTo("rw-------");
        String identity = Files.readString(keys.resolve("identity-service.pem"));
        String kid = ServiceKey.fromPem("identity-service", identity).kid();
        TrustedKeys trusted = TrustedKeys.fromDirectory(keys);
        assertThat(trusted.serviceOf(kid)).contains("identity-service");
        assertThat(trusted.services()).containsExactlyInAnyOrder("identity-service", "policy-service");

        Files.delete(keys.resolve("policy-service.jwks.json"));
        ServiceKeys.ensure(keys, List.of("identity-service", "policy-service"));
        assertThat(Files.readString(keys.resolve("identity-service.pem"))).as("kept across starts").isEqualTo(identity);
        assertThat(keys.resolve("policy-service.jwks.json")).as("the public key is written again").exists();
        try (var files = Files.list(keys)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("identity-service.pem", "identity-service.jwks.json", "policy-service.pem",
                            "policy-service.jwks.json");
        }
    }
}
