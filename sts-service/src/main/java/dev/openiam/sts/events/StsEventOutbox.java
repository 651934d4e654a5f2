package dev.openiam.sts.events;

import dev.openiam.glue.outbox.ServiceOutboxes;
import dev.openiam.model.event.StsEvent;
import dev.openiam.outbox.NoticeOutbox;
import dev.openiam.sts.audit.StsOutboxConfig;
import io.quarkus.runtime.Startup;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * sts-service's change outbox ({@code sts.outbox} → {@code iam.sts.v1}), running from start to stop: the notices of
 * the credentials it issued, each stored before the call is answered (batched with concurrent ones), revisions from
 * {@code sts.account_revisions}.
 */
@ApplicationScoped
public class StsEventOutbox {

    /** Advisory lock key of sts-service's change relay ("STS-EVTS"). */
    private static final long LOCK_KEY = 0x5354532d45565453L;

    @Produces
    @Startup
    @ApplicationScoped
    NoticeOutbox outbox(Pool pool, StsOutboxConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String kafka) {
        NoticeOutbox outbox = new NoticeOutbox(pool, kafka, ServiceOutboxes.changes("sts", StsEvent.TOPIC, LOCK_KEY, config),
                "sts.account_revisions");
        outbox.start();
        return outbox;
    }

    void close(@Disposes NoticeOutbox outbox) {
        outbox.close();
    }
}
