package dev.openiam.outbox;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Instant;
import java.util.List;

/**
 * An outbox as Micrometer meters ({@link OutboxBacklog}): {@code iam.outbox.backlog} (events not yet acknowledged
 * by Kafka), {@code iam.outbox.oldest.age} (seconds the oldest of them has waited) and {@code iam.outbox.published}
 * (events this replica's relay published). A service registers it with its registry.
 */
public final class OutboxMeters implements MeterBinder {

    private static final List<String> NAMES = List.of("iam.outbox.backlog", "iam.outbox.oldest.age", "iam.outbox.published");
    private final Outbox outbox;

    public OutboxMeters(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        // A registry that outlived an earlier outbox in this JVM (Quarkus keeps its global registry's meters across
        // the application restarts of a test run) would answer for that one: these meters replace its.
        NAMES.forEach(name -> registry.find(name).meters().forEach(registry::remove));
        Gauge.builder("iam.outbox.backlog", outbox, o -> o.backlog().events()).baseUnit("events")
                .description("events committed but not yet acknowledged by Kafka").register(registry);
        Gauge.builder("iam.outbox.oldest.age", outbox, o -> o.backlog().age(Instant.now()).toMillis() / 1000.0)
                .baseUnit("seconds").description("how long the oldest unpublished event has waited").register(registry);
        FunctionCounter.builder("iam.outbox.published", outbox, o -> o.backlog().published()).baseUnit("events")
                .description("events this replica's relay published").register(registry);
    }
}
