package dev.openiam.glue.session;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;
import java.util.Optional;

/** The session settings of a front door ({@code iam.session.*}). */
@ConfigMapping(prefix = "iam.session")
public interface SessionConfig {

    /**
     * The session-encryption key pair every front door holds (PKCS#8 PEM, e.g. a mounted Secret; {@code IAM_SESSION_KEY_FILE}):
     * session tokens are encrypted to it. Absent: temporary credentials are refused.
     */
    Optional<Path> encryptionKeyFile();
}
