package dev.openiam.sts.workload;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The metadata endpoints' settings ({@code iam.workload.*}). */
@ConfigMapping(prefix = "iam.workload")
public interface WorkloadConfig {

    /** How long a workload's role credentials last (within 900 s and 12 h; the role's maximum does not cut it, as on EC2). */
    @WithDefault("PT1H")
    Duration sessionDuration();

    /**
     * Cached credentials are served until this long before they expire, then new ones are issued: longer than the
     * SDKs' own refresh margin (5 minutes for the Java SDK, 10–15 for botocore), so a refreshing SDK gets fresh ones.
     */
    @WithDefault("PT20M")
    Duration refreshBefore();

    /** The most IMDS session tokens held at once (each lives at most 6 hours); past it the expired are dropped first. */
    @WithDefault("100000")
    int maxImdsTokens();
}
