package dev.openiam.sts.audit;

import dev.openiam.glue.outbox.ServiceOutboxes;
import dev.openiam.outbox.AuditOutbox;
import io.quarkus.runtime.Startup;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * sts-service's audit outbox ({@code sts.audit_outbox} → {@code iam.audit.v1}), running from start to stop. STS calls
 * change nothing stored, so each record is written on its own before the call is answered.
 */
@ApplicationScoped
public class StsAuditOutbox {

    @Produces
    @Startup
    @ApplicationScoped
    AuditOutbox auditOutbox(Pool pool, StsOutboxConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String kafka) {
        return ServiceOutboxes.startAudit(pool, kafka, "sts", config);
    }

    void close(@Disposes AuditOutbox outbox) {
        outbox.close();
    }
}
