package dev.openiam.glue.warmup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The warm-up at start ({@code iam.warmup.*}, {@link WarmUp}). */
@ConfigMapping(prefix = "iam.warmup")
public interface WarmUpConfig {

    /** How long the warm-up runs before the service reports ready ({@code IAM_WARMUP_DURATION}); 0: no warm-up. */
    @WithDefault("5s")
    Duration duration();

    /** Warm-up requests under way at once. */
    @WithDefault("4")
    int concurrency();
}
