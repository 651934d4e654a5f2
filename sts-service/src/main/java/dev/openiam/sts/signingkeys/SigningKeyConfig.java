package dev.openiam.sts.signingkeys;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How sts-service rotates its session-signing keys ({@code iam.sts.signing-keys.*}). */
@ConfigMapping(prefix = "iam.sts.signing-keys")
public interface SigningKeyConfig {

    /** How long a key signs before a new one takes over. */
    @WithDefault("24h")
    Duration rotationPeriod();

    /** How often each replica reads the keys (to follow another replica's rotation) and rotates when due. */
    @WithDefault("30s")
    Duration checkInterval();
}
