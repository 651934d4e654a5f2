package dev.openiam.policyservice.outbox;

import dev.openiam.glue.outbox.ServiceOutboxes;
import dev.openiam.outbox.AuditOutbox;
import dev.openiam.outbox.Outbox;
import dev.openiam.policyservice.config.PolicyConfig;
import io.quarkus.runtime.Startup;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** policy-service's outbox ({@code policy.outbox} → {@code iam.policy.v1}), running from start to stop. */
@ApplicationScoped
public class PolicyOutbox {

    /** Advisory lock key of policy-service's relay ("POLICYSV"); distinct from identity-service's. */
    private static final long LOCK_KEY = 0x504f4c4943595356L;

    @Produces
    @Startup
    @ApplicationScoped
    Outbox outbox(Pool pool, PolicyConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String kafka) {
        PolicyConfig.Outbox relay = config.outbox();
        Outbox outbox = new Outbox(pool, kafka, ServiceOutboxes.changes("policy", relay.topic(), LOCK_KEY, relay));
        outbox.start();
        return outbox;
    }

    void close(@Disposes Outbox outbox) {
        outbox.close();
    }

    /** The audit records' outbox ({@code policy.audit_outbox} → {@code iam.audit.v1}): the forwarded IAM calls it answers. */
    @Produces
    @Startup
    @ApplicationScoped
    AuditOutbox auditOutbox(Pool pool, PolicyConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String kafka) {
        return ServiceOutboxes.startAudit(pool, kafka, "policy", config.outbox());
    }

    void close(@Disposes AuditOutbox outbox) {
        outbox.close();
    }
}
