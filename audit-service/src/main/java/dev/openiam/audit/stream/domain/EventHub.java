package dev.openiam.audit.stream.domain;

import dev.openiam.audit.event.persistence.EventStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands every new record (StoreTail reads them from the store) to the live subscribers that asked for it, each record
 * framed once ({@link Frame}) for all of them. Publishing only offers a frame to each subscriber's own bounded queue
 * and wakes its connection, never waits: a subscriber whose queue is full has its connection closed (it resumes with
 * Last-Event-ID), and ingestion and the other subscribers go on as before. Each connection drains its queue on its own
 * thread, in as few writes as it can.
 */
@ApplicationScoped
public class EventHub {

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final AtomicLong overflowed = new AtomicLong();

    /** Where a subscription's frames go: told when frames are queued, and when it fell too far behind. */
    public interface Connection {

        /** Frames were queued ({@link Subscription#poll}); called on the publishing thread, must not block. */
        void wake();

        /** The subscription fell too far behind and was removed: end the connection. */
        void close();
    }

    /** A live subscription, registered from its creation on: records published from then on are queued for it. */
    public final class Subscription {

        private final EventFilter filter;
        private final ArrayBlockingQueue<Frame> queue;
        private final Connection connection;

        private Subscription(EventFilter filter, int capacity, Connection connection) {
            this.filter = filter;
            this.queue = new ArrayBlockingQueue<>(capacity);
            this.connection = connection;
        }

        /** The oldest frame queued, or {@code null} when none is. */
        public Frame poll() {
            return queue.poll();
        }

        /** Ends this subscription (its connection closed): nothing more is queued for it. */
        public void cancel() {
            subscriptions.remove(this);
            queue.clear();
        }

        /** Queues {@code frame} if this subscription asks for it: 1 if queued, 0 if not asked for, -1 if it overflowed. */
        private int offer(Frame frame) {
            if (!filter.test(frame.columns())) {
                return 0;
            }
            if (queue.offer(frame)) {
                return 1;
            }
            // full: the frames still queued would only be delivered behind a stalled socket, so the connection is
            // closed at once; the subscriber resumes from the last event it received whole
            if (subscriptions.remove(this)) {
                overflowed.incrementAndGet();
                queue.clear();
                connection.close();
            }
            return -1;
        }
    }

    /**
     * Registers a subscription now, with room for {@code capacity} records not yet delivered; {@code connection} is
     * woken when frames are queued and closed when it falls further behind.
     */
    public Subscription subscribe(EventFilter filter, int capacity, Connection connection) {
        Subscription subscription = new Subscription(filter, capacity, connection);
        subscriptions.add(subscription);
        return subscription;
    }

    /** Offers {@code stored} (new records, in ingest order) to every subscription; never blocks. */
    public void publish(List<EventStore.Stored> stored) {
        if (subscriptions.isEmpty() || stored.isEmpty()) {
            return;
        }
        List<Frame> frames = stored.stream().map(Frame::of).toList();
        for (Subscription subscription : subscriptions) {
            int queued = 0;
            for (int i = 0; i < frames.size() && queued >= 0; i++) {
                int offered = subscription.offer(frames.get(i));
                queued = offered < 0 ? -1 : queued + offered;
            }
            if (queued > 0) {
                subscription.connection.wake();
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
