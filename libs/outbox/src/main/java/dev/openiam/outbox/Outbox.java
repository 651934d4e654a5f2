package dev.openiam.outbox;

import io.vertx.mutiny.sqlclient.Pool;

/**
 * One service's outbox: the writer its write transactions append with, and the relay that publishes what
 * they committed. {@link #start()} when the service starts (leftovers from before are published then),
 * {@link #close()} when it stops.
 */
public final class Outbox implements AutoCloseable {

    private final OutboxWriter writer;
    private final OutboxRelay relay;

    public Outbox(Pool pool, String bootstrapServers, OutboxSettings settings) {
        this.writer = new OutboxWriter(settings);
        this.relay = new OutboxRelay(pool, bootstrapServers, settings);
    }

    public OutboxWriter writer() {
        return writer;
    }

    /** Called after a commit, so the events leave at once rather than at the next poll. */
    public void wakeUp() {
        relay.wakeUp();
    }

    /** What waits to be published, for metrics. */
    public OutboxBacklog backlog() {
        return relay.backlog();
    }

    public void start() {
        relay.start();
    }

    @Override
    public void close() {
        relay.close();
    }
}
