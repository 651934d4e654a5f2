package dev.openiam.glue.outbox;

import io.smallrye.config.WithDefault;

/**
 * How a service's outboxes are relayed to Kafka: the settings each service maps under its own prefix (its
 * {@code @ConfigMapping} extends this), the same for its change outbox and its audit outbox.
 */
public interface RelayConfig {

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
