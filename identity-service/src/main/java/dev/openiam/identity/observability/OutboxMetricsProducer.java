package dev.openiam.identity.observability;

import dev.openiam.outbox.Outbox;
import dev.openiam.outbox.OutboxMeters;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Registers this service's outbox meters (Quarkus binds every MeterBinder bean to its registry). */
@Singleton
public class OutboxMetricsProducer {

    @Produces
    @Singleton
    MeterBinder outboxMeters(Outbox outbox) {
        return new OutboxMeters(outbox);
    }
}
