package dev.openiam.glue.session;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The session settings of a front door ({@code iam.session.*}). */
@ConfigMapping(prefix = "iam.session")
public interface SessionConfig {

    /**
     * The session-encryption key pair every front door holds (PKCS#8 PEM, e.g. a mounted Secret; {@code IAM_SESSION_KEY_FILE}):
     * session tokens are encrypted to it. Absent: temporary credentials are refused.
     */
    Optional<Path> encryptionKeyFile();

    /**
     * sts-service, which publishes its session-signing keys at {@code /internal/v1/session-keys}
     * ({@code IAM_STS_SERVICE_URL}): read at start and again when a token names a key not known (keys rotate). Absent:
     * only {@code sts-service.jwks.json} among the trusted keys.
     */
    Optional<URI> stsServiceUrl();

    /** The shortest time between two reads of the published keys (a flood of made-up key ids reads them no faster). */
    @WithDefault("5s")
    Duration keysRefreshInterval();
}
