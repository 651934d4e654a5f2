package dev.openiam.identity.outbox;

import dev.openiam.identity.config.IdentityConfig;
import dev.openiam.outbox.OutboxRelay;
import dev.openiam.outbox.OutboxSettings;
import dev.openiam.outbox.OutboxWriter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** identity-service's outbox ({@code identity.outbox} → {@code iam.identity.v1}) and its relay's lifecycle. */
@ApplicationScoped
public class IdentityOutbox {

    /** Advisory lock key of identity-service's relay ("IDENTITY"). */
    private static final long LOCK_KEY = 0x4944454e54495459L;

    private final OutboxWriter writer;
    private final OutboxRelay relay;

    public IdentityOutbox(Pool pool, IdentityConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String kafka) {
        IdentityConfig.Outbox outbox = config.outbox();
        OutboxSettings settings = new OutboxSettings("identity.outbox", outbox.topic(), outbox.partitions(), LOCK_KEY,
                "identity-service-outbox", outbox.batchSize(), outbox.idleMillis(), outbox.retryMillis());
        this.writer = new OutboxWriter(settings);
        this.relay = new OutboxRelay(pool, kafka, settings);
    }

    public OutboxWriter writer() {
        return writer;
    }

    /** Called after a commit, so the events leave at once rather than at the next poll. */
    public void wakeUp() {
        relay.wakeUp();
    }

    void start(@Observes StartupEvent event) {
        relay.start();
    }

    void stop(@Observes ShutdownEvent event) {
        relay.close();
    }
}
