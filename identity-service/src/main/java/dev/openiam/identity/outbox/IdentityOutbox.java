package dev.openiam.identity.outbox;

import dev.openiam.identity.config.IdentityConfig;
import dev.openiam.outbox.Outbox;
import dev.openiam.outbox.OutboxSettings;
import io.quarkus.runtime.Startup;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** identity-service's outbox ({@code identity.outbox} → {@code iam.identity.v1}), running from start to stop. */
@ApplicationScoped
public class IdentityOutbox {

    /** Advisory lock key of identity-service's relay ("IDENTITY"). */
    private static final long LOCK_KEY = 0x4944454e54495459L;

    @Produces
    @Startup
    @ApplicationScoped
    Outbox outbox(Pool pool, IdentityConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String kafka) {
        IdentityConfig.Outbox settings = config.outbox();
        Outbox outbox = new Outbox(pool, kafka, new OutboxSettings("identity.outbox", settings.topic(), settings.partitions(),
                LOCK_KEY, "identity-service-outbox", settings.batchSize(), settings.idleMillis(), settings.retryMillis()));
        outbox.start();
        return outbox;
    }

    void close(@Disposes Outbox outbox) {
        outbox.close();
    }
}
