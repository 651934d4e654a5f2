package dev.openiam.audit.stream.domain;

import dev.openiam.audit.event.persistence.EventStore;
import dev.openiam.audit.event.persistence.IngestOrder;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Feeds the live subscribers of this replica from the store, in ingest order: every record stored by any replica (each
 * consumes only some partitions of iam.audit.v1), so that a subscriber sees one gap-free sequence whichever replica it
 * is connected to. Polls on its own thread; with no subscriber, it only keeps up with the last sequence number.
 */
@ApplicationScoped
public class StoreTail {

    private static final Logger LOG = Logger.getLogger(StoreTail.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int PAGE = 2_000;

    private final IngestOrder order;
    private final EventHub hub;
    private final StreamConfig config;
    private ScheduledExecutorService thread;
    private long last = -1;

    public StoreTail(IngestOrder order, EventHub hub, StreamConfig config) {
        this.order = order;
        this.hub = hub;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "audit-stream-tail");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::pollSafely, 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warnf("the live stream could not read the store, trying again: %s", e.toString());
        }
    }

    private void poll() {
        if (last < 0 || hub.subscribers() == 0) {
            last = order.last().await().atMost(TIMEOUT);
            return;
        }
        List<EventStore.Stored> page;
        do {
            page = order.between(last, Long.MAX_VALUE, PAGE).await().atMost(TIMEOUT);
            if (!page.isEmpty()) {
                hub.publish(page);
                last = page.get(page.size() - 1).seq();
            }
        } while (page.size() == PAGE);
    }
}
