package dev.openiam.outbox;

import java.time.Duration;
import java.time.Instant;

/**
 * What waits in an outbox, as the relay last counted it (about once a second), and how many events it has
 * published since start. Services expose it as metrics: a growing backlog or age means Kafka is unreachable
 * or the relay is stuck, and consumers (projections, audit) fall behind by as much.
 *
 * @param events    rows not yet acknowledged by Kafka
 * @param oldest    when the oldest of them occurred; {@code null} when there are none
 * @param published events acknowledged by Kafka and deleted by this relay since it started
 */
public record OutboxBacklog(long events, Instant oldest, long published) {

    static final OutboxBacklog NONE = new OutboxBacklog(0, null, 0);

    /** How long the oldest waiting event has waited at {@code now}; zero when nothing waits. */
    public Duration age(Instant now) {
        if (oldest == null || events == 0 || now.isBefore(oldest)) {
            return Duration.ZERO;
        }
        return Duration.between(oldest, now);
    }
}
