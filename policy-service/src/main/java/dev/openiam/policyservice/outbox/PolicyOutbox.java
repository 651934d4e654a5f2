package dev.openiam.policyservice.outbox;

import dev.openiam.outbox.OutboxRelay;
import dev.openiam.outbox.OutboxSettings;
import dev.openiam.outbox.OutboxWriter;
import dev.openiam.policyservice.config.PolicyConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** policy-service's outbox ({@code policy.outbox} → {@code iam.policy.v1}) and its relay's lifecycle. */
@ApplicationScoped
public class PolicyOutbox {

    /** Advisory lock key of policy-service's relay ("POLICYSV"); distinct from identity-service's. */
    private static final long LOCK_KEY = 0x504f4c4943595356L;

    private final OutboxWriter writer;
    private final OutboxRelay relay;

    public PolicyOutbox(Pool pool, PolicyConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String kafka) {
        PolicyConfig.Outbox outbox = config.outbox();
        OutboxSettings settings = new OutboxSettings("policy.outbox", outbox.topic(), outbox.partitions(), LOCK_KEY,
                "policy-service-outbox", outbox.batchSize(), outbox.idleMillis(), outbox.retryMillis());
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
