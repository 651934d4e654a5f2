package dev.openiam.identity.outbox;

import dev.openiam.identity.config.IdentityConfig;
import dev.openiam.glue.outbox.ServiceOutboxes;
import dev.openiam.outbox.AuditOutbox;
import dev.openiam.outbox.Outbox;
import io.quarkus.runtime.Startup;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * identity-service's outboxes, running from start to stop: its changes ({@code identity.outbox} → {@code iam.identity.v1})
 * and its audit records ({@code identity.audit_outbox} → {@code iam.audit.v1}; see {@link AuditOutbox} for why two).
 */
@ApplicationScoped
public class IdentityOutbox {

    /** Advisory lock key of identity-service's relay ("IDENTITY"). */
    private static final long LOCK_KEY = 0x4944454e54495459L;

    @Produces
    @Startup
    @ApplicationScoped
    Outbox outbox(Pool pool, IdentityConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String kafka) {
        IdentityConfig.Outbox relay = config.outbox();
        Outbox outbox = new Outbox(pool, kafka, ServiceOutboxes.changes("identity", relay.topic(), LOCK_KEY, relay));
        outbox.start();
        return outbox;
    }

    void close(@Disposes Outbox outbox) {
        outbox.close();
    }

    /** The audit records' outbox ({@code identity.audit_outbox} → {@code iam.audit.v1}), relayed as the changes are. */
    @Produces
    @Startup
    @ApplicationScoped
    AuditOutbox auditOutbox(Pool pool, IdentityConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String kafka) {
        return ServiceOutboxes.startAudit(pool, kafka, "identity", config.outbox());
    }

    void close(@Disposes AuditOutbox outbox) {
        outbox.close();
    }
}
