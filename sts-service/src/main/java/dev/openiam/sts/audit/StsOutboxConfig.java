package dev.openiam.sts.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How sts-service's outboxes are relayed ({@code iam.sts.outbox.*}). */
@ConfigMapping(prefix = "iam.sts.outbox")
public interface StsOutboxConfig {

    /** Partitions to create a topic with, when it does not exist. */
    @WithDefault("6")
    int partitions();

    /** Rows published per relay round. */
    @WithDefault("500")
    int batchSize();

    /** How long the relay waits for new rows when nothing signalled it. */
    @WithDefault("500")
    long idleMillis();

    /** Back-off after a failed round (Kafka unreachable). */
    @WithDefault("1000")
    long retryMillis();
}
