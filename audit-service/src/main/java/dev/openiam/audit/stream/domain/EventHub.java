package dev.openiam.audit.stream.domain;

import dev.openiam.audit.event.persistence.EventStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands every new record (StoreTail reads them from the store) to the live subscribers that asked for it. Publishing only offers a record to
 * each subscriber's own bounded queue and never waits: a subscriber whose queue is full has its connection closed (it
 * resumes with Last-Event-ID), and ingestion and the other subscribers go on as before. Delivery runs on
 * the worker pool, not on the thread that publishes.
 */
@ApplicationScoped
public class EventHub {

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final AtomicLong overflowed = new AtomicLong();

    /** A live subscription, registered from its creation on: records published from then on are queued for it. */
    public final class Subscription {

        private final EventFilter filter;
        private final ArrayBlockingQueue<EventStore.Stored> buffer;
        private final UnicastProcessor<EventStore.Stored> queue;
        private final Runnable close;

        private Subscription(EventFilter filter, int capacity, Runnable close) {
            this.filter = filter;
            this.buffer = new ArrayBlockingQueue<>(capacity);
            this.queue = UnicastProcessor.create(buffer, () -> subscriptions.remove(this));
            this.close = close;
        }

        /** The queued and later records, until the subscriber cancels or falls behind. */
        public Multi<EventStore.Stored> events() {
            return queue.emitOn(Infrastructure.getDefaultWorkerPool());
        }

        /** Ends this subscription without events (its subscriber never came). */
        public void cancel() {
            subscriptions.remove(this);
            queue.onComplete();
        }

        private void offer(EventStore.Stored stored) {
            if (!filter.test(stored.record())) {
                return;
            }
            if (buffer.remainingCapacity() == 0) {
                // full: the records still queued would only be delivered behind a stalled socket, so the connection is
                // closed at once; the subscriber resumes from the last event it received whole
                if (subscriptions.remove(this)) {
                    overflowed.incrementAndGet();
                    close.run();
                }
                return;
            }
            queue.onNext(stored);
        }
    }

    /**
     * Registers a subscription now, with room for {@code capacity} records not yet delivered; {@code close} ends its
     * connection when it falls further behind.
     */
    public Subscription subscribe(EventFilter filter, int capacity, Runnable close) {
        Subscription subscription = new Subscription(filter, capacity, close);
        subscriptions.add(subscription);
        return subscription;
    }

    /** Offers {@code stored} (new records, in ingest order) to every subscription; never blocks. */
    public void publish(List<EventStore.Stored> stored) {
        for (Subscription subscription : subscriptions) {
            for (EventStore.Stored record : stored) {
                subscription.offer(record);
            }
        }
    }

    /** How many subscriptions are live now. */
    public int subscribers() {
        return subscriptions.size();
    }

    /** How many subscriptions were ended because they fell too far behind. */
    public long overflowed() {
        return overflowed.get();
    }
}
