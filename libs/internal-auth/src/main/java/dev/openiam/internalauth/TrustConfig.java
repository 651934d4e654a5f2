package dev.openiam.internalauth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trust settings every service reads under {@code iam.trust.*} (a SmallRye Config mapping; a Quarkus service
 * indexes this library to find it). Absent or unusable keys leave the service running with every internal call
 * refused and its readiness DOWN.
 */
@ConfigMapping(prefix = "iam.trust")
public interface TrustConfig {

    /** This service's private key: a PKCS#8 PEM file (a mounted Kubernetes Secret); {@code IAM_SERVICE_KEY_FILE}. */
    Optional<Path> serviceKeyFile();

    /** A directory of the peers' public keys, one {@code <service>.jwks.json} each (a mounted ConfigMap); {@code IAM_TRUSTED_KEYS_DIR}. */
    Optional<Path> trustedKeysDir();

    /**
     * Which services may call this one for which purpose: {@code iam.trust.allow.forward=identity-service}, keys
     * {@code forward}, {@code decide}, {@code authenticate}, {@code snapshot}. A purpose not listed is refused from everyone.
     */
    Map<String, List<String>> allow();

    /** How many token ids the replay guard holds at once; past it, calls are refused until ids expire. */
    @WithDefault("200000")
    int replayCapacity();
}
