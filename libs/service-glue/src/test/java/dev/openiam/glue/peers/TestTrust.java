package dev.openiam.glue.peers;

import dev.openiam.internalauth.ServiceKey;
import dev.openiam.internalauth.ServiceTrust;
import dev.openiam.internalauth.TrustConfig;
import dev.openiam.internalauth.TrustedKeys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Services' keys and trust in a temporary directory, for a client and the stand-in of the service it calls. */
final class TestTrust {

    private TestTrust() {
    }

    /** A new key of {@code service} in {@code dir}: its private key, and its public keys for the others to trust. */
    static void writeKey(Path dir, String service) throws Exception {
        ServiceKey key = ServiceKey.generate(service);
        Files.writeString(dir.resolve(service + ".pem"), key.privateKeyPem());
        Files.writeString(dir.resolve(service + TrustedKeys.SUFFIX), key.trustJwks());
    }

    /** {@code service}'s trust: its own key, and the keys of every service in {@code dir}; {@code allow}: purpose → callers. */
    static ServiceTrust trust(Path dir, String service, Map<String, List<String>> allow) {
        return ServiceTrust.load(service, new TrustConfig() {
            public Optional<Path> serviceKeyFile() {
                return Optional.of(dir.resolve(service + ".pem"));
            }

            public Optional<Path> trustedKeysDir() {
                return Optional.of(dir);
            }

            public Map<String, List<String>> allow() {
                return allow;
            }

            public int replayCapacity() {
                return 1000;
            }
        });
    }
}
