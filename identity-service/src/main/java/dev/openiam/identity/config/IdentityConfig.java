package dev.openiam.identity.config;

import dev.openiam.glue.outbox.RelayConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** identity-service settings under {@code iam.*}; each can come from the environment. */
@ConfigMapping(prefix = "iam")
public interface IdentityConfig {

    /** Base64 of the 32-byte AES key that encrypts access-key secrets; required. */
    Optional<String> kek();

    /** A file holding that base64 key, e.g. a mounted Kubernetes Secret; used when {@link #kek()} is absent. */
    Optional<java.nio.file.Path> kekFile();

    /** A name for the current key-encryption key, stored beside each ciphertext for rotation. */
    @WithDefault("kek-1")
    String kekId();

    /** Base URL of policy-service, which answers the IAM actions it owns. */
    @WithDefault("http://127.0.0.1:8082")
    String policyServiceUrl();

    /** The issuer authenticator apps show for this system's virtual MFA devices (the otpauth URI's {@code issuer}). */
    @WithDefault("openiam")
    String mfaIssuer();

    Bootstrap bootstrap();

    /** Recording when each access key was last used (GetAccessKeyLastUsed, the credential report). */
    AccessKeyLastUse accessKeyLastUse();

    interface AccessKeyLastUse {
        /** Off: no use is recorded (for measuring the signed path without it). */
        @WithDefault("true")
        boolean enabled();

        /** How often noted uses are written. */
        @WithDefault("PT5S")
        java.time.Duration flushInterval();

        /** At most one write per key in this time. */
        @WithDefault("PT1M")
        java.time.Duration minInterval();
    }

    Outbox outbox();

    interface Bootstrap {
        Optional<String> accountId();

        Optional<String> rootAccessKeyId();

        Optional<String> rootSecretAccessKey();

        /** The root user's console password, set on first start when given (never logged). */
        Optional<String> rootPassword();
    }

    interface Outbox extends RelayConfig {
        /** Topic of identity events. */
        @WithDefault("iam.identity.v1")
        String topic();
    }
}
