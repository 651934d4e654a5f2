package dev.openiam.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** audit-service's settings ({@code iam.audit.*}). */
@ConfigMapping(prefix = "iam.audit")
public interface AuditConfig {

    /** How many days records are kept; a day's partition is dropped once all of it is older. */
    @WithDefault("90")
    int retentionDays();

    /** How many days ahead partitions exist, so that ingestion never waits for one. */
    @WithDefault("3")
    int partitionsAhead();

    /** How often partitions are created ahead and expired ones dropped. */
    @WithDefault("PT1H")
    Duration maintenanceInterval();

    /** The consumer group of {@code iam.audit.v1} (shared by every replica). */
    @WithDefault("audit-service")
    String consumerGroup();

    /**
     * The most records one poll of {@code iam.audit.v1} hands over, stored in one transaction (fewer, larger
     * transactions store more per second; a batch is also what a crash may repeat).
     */
    @WithDefault("500")
    int consumerBatch();

    /** Refuses settings that would lose records or never keep any. */
    default void validate() {
        if (retentionDays() < 1 || retentionDays() > 3650) {
            throw new IllegalArgumentException("iam.audit.retention-days must be between 1 and 3650, not " + retentionDays());
        }
        if (partitionsAhead() < 1 || partitionsAhead() > 60) {
            throw new IllegalArgumentException("iam.audit.partitions-ahead must be between 1 and 60, not " + partitionsAhead());
        }
        if (consumerBatch() < 1 || consumerBatch() > 10_000) {
            throw new IllegalArgumentException("iam.audit.consumer-batch must be between 1 and 10000, not " + consumerBatch());
        }
        if (maintenanceInterval().isNegative() || maintenanceInterval().isZero()) {
            throw new IllegalArgumentException("iam.audit.maintenance-interval must be positive");
        }
    }
}
