package dev.openiam.policyservice.observability;

import dev.openiam.model.event.EventEnvelope;
import dev.openiam.policyservice.messaging.EventFollower;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * How far this replica's projections trail the writes, per topic: {@code iam_projection_lag_events} — events on
 * the topic not yet applied (Kafka consumer lag; each is one account revision), and
 * {@code iam_projection_delay_seconds} — from an event's commit to this replica applying it (the time a token-less
 * decision may still see the old state).
 */
@ApplicationScoped
public class ProjectionMetrics {

    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30)};

    private final MeterRegistry registry;

    public ProjectionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code apply}, timing each event from its commit to the end of its application. */
    public Consumer<EventEnvelope> timing(String topic, Consumer<EventEnvelope> apply) {
        Timer delay = Timer.builder("iam.projection.delay")
                .description("from an event's commit to this replica applying it")
                .tag("topic", topic).serviceLevelObjectives(BUCKETS).register(registry);
        return envelope -> {
            apply.accept(envelope);
            Duration since = Duration.between(envelope.occurredAt(), Instant.now());
            delay.record(since.isNegative() ? Duration.ZERO : since);
        };
    }

    /** Reports the follower's consumer lag. */
    public void follow(String topic, EventFollower follower) {
        // replaces the gauge of an earlier follower in this JVM (Quarkus tests restart the application, its
        // global registry keeps the meters), which would otherwise answer for this one
        registry.find("iam.projection.lag.events").tag("topic", topic).meters().forEach(registry::remove);
        Gauge.builder("iam.projection.lag.events", follower, EventFollower::lag)
                .description("events on the topic this replica has not applied yet (Kafka consumer lag)")
                .tag("topic", topic).register(registry);
    }
}
