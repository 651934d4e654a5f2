package dev.openiam.policyservice.observability;

import dev.openiam.policyservice.decision.AuthorizeResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code iam_decisions_seconds{outcome}}: every decision this replica makes (decision API, forwarded actions,
 * simulations) by outcome — {@code Allow}, {@code ExplicitDeny}, {@code ImplicitDeny}, or {@code error} when none
 * could be made (fail closed) — with a latency histogram. Buckets span the in-memory path (µs) to a snapshot load.
 */
@ApplicationScoped
public class DecisionMetrics {

    private static final Duration[] BUCKETS = {Duration.ofNanos(100_000), Duration.ofNanos(250_000),
            Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofSeconds(1)};

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public DecisionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Runs one decision and records its outcome and how long it took, failures included. */
    public Uni<AuthorizeResponse> timed(Supplier<Uni<AuthorizeResponse>> decision) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return Uni.createFrom().deferred(decision::get).onItemOrFailure().invoke((response, failure) ->
                    timer(failure == null ? response.decision() : "error").record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        });
    }

    private Timer timer(String outcome) {
        return timers.computeIfAbsent(outcome, o -> Timer.builder("iam.decisions")
                .description("policy decisions by outcome, and how long each took")
                .tag("outcome", o).serviceLevelObjectives(BUCKETS).register(registry));
    }
}
