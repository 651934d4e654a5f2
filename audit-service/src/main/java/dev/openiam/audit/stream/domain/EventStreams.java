package dev.openiam.audit.stream.domain;

import dev.openiam.audit.event.persistence.IngestOrder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Live subscriptions: the records stored after the one a subscriber saw last, first from the store and then as they
 * are stored, without a gap or a repeat. The live subscription is registered before the store is read, so a record
 * stored meanwhile is either read or queued (or both: then shown once, by its place in the ingest order).
 */
@ApplicationScoped
public class EventStreams {

    static final int REPLAY_PAGE = 500;
    /** About how many bytes of live frames {@link Stream#next} hands out at once (one write of the connection). */
    static final int LIVE_BYTES = 256 * 1024;

    private final EventHub hub;
    private final IngestOrder order;
    private final StreamConfig config;

    public EventStreams(EventHub hub, IngestOrder order, StreamConfig config) {
        this.hub = hub;
        this.order = order;
        this.config = config;
    }

    /**
     * The records {@code filter} asks for, in ingest order: after {@code afterSeq} (a Last-Event-ID) if given, else from
     * now on. {@code connection} is woken when live records are queued, and closed when the subscriber falls
     * {@link StreamConfig#buffer()} records behind.
     */
    public Stream subscribe(EventFilter filter, Long afterSeq, EventHub.Connection connection) {
        return new Stream(filter, hub.subscribe(filter, config.buffer(), connection), afterSeq);
    }

    /** One subscriber's records; read by one thread at a time (its connection's). */
    public final class Stream {

        private final EventFilter filter;
        private final EventHub.Subscription subscription;
        private long last;
        private boolean replaying;

        private Stream(EventFilter filter, EventHub.Subscription subscription, Long afterSeq) {
            this.filter = filter;
            this.subscription = subscription;
            this.replaying = afterSeq != null;
            this.last = afterSeq == null ? -1 : afterSeq;
        }

        /**
         * The next records, in order: a page of the store while replaying (the last page with the live records queued),
         * then the live records queued (up to about {@value #LIVE_BYTES} bytes). Empty: none now; the connection is
         * woken when there are.
         */
        public Uni<List<Frame>> next() {
            if (replaying) {
                return order.after(filter.accountId(), filter.columns(), last, REPLAY_PAGE).map(page -> {
                    replaying = page.size() == REPLAY_PAGE;
                    List<Frame> frames = new ArrayList<>(page.stream().map(Frame::of).toList());
                    frames.forEach(frame -> last = frame.seq());
                    if (!replaying) {
                        frames.addAll(live());
                    }
                    return frames;
                });
            }
            return Uni.createFrom().item(live());
        }

        /** The live frames queued, up to about {@value #LIVE_BYTES} bytes, without those replayed already. */
        private List<Frame> live() {
            List<Frame> frames = new ArrayList<>();
            int bytes = 0;
            while (bytes < LIVE_BYTES) {
                Frame frame = subscription.poll();
                if (frame == null) {
                    break;
                }
                if (frame.seq() > last) {
                    frames.add(frame);
                    bytes += frame.bytes().length;
                    last = frame.seq();
                }
            }
            return frames;
        }

        /** Ends the subscription (the connection closed). */
        public void cancel() {
            subscription.cancel();
        }
    }
}
