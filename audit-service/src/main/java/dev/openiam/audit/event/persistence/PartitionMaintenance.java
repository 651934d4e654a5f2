package dev.openiam.audit.event.persistence;

import dev.openiam.audit.config.AuditConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Keeps the day partitions right: once at start (before the service answers, so that a database it cannot prepare
 * stops it), then at every {@code iam.audit.maintenance-interval}. A round that fails is logged and tried at the next;
 * ingestion creates a missing day's partition itself meanwhile.
 */
@ApplicationScoped
public class PartitionMaintenance {

    private static final Logger LOG = Logger.getLogger(PartitionMaintenance.class);

    private final Partitions partitions;
    private final Vertx vertx;
    private final Duration interval;
    private long timer = -1;

    public PartitionMaintenance(Partitions partitions, Vertx vertx, AuditConfig config) {
        this.partitions = partitions;
        this.vertx = vertx;
        this.interval = config.maintenanceInterval();
    }

    void start(@Observes StartupEvent event) {
        partitions.maintain().await().atMost(Duration.ofMinutes(1));
        timer = vertx.setPeriodic(interval.toMillis(), id -> partitions.maintain().subscribe().with(
                done -> { },
                failure -> LOG.warnf("audit partition maintenance failed; it runs again in %s: %s", interval, failure.getMessage())));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
