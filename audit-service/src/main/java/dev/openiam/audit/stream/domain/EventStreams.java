package dev.openiam.audit.stream.domain;

import dev.openiam.audit.event.persistence.EventStore;
import dev.openiam.audit.event.persistence.IngestOrder;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Live subscriptions: the records stored after the one a subscriber saw last, first from the store and then as they
 * are stored, without a gap or a repeat. The live subscription is registered before the store is read, so a record
 * stored meanwhile is either read or queued (or both: then shown once, by its place in the ingest order).
 */
@ApplicationScoped
public class EventStreams {

    static final int REPLAY_PAGE = 500;

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
     * now on. When the subscriber falls {@link StreamConfig#buffer()} records behind, {@code close} is called.
     */
    public Multi<EventStore.Stored> subscribe(EventFilter filter, Long afterSeq, Runnable close) {
        EventHub.Subscription live = hub.subscribe(filter, config.buffer(), close);
        if (afterSeq == null) {
            return live.events();
        }
        AtomicLong last = new AtomicLong(afterSeq);
        Multi<EventStore.Stored> replay = Multi.createBy().repeating()
                .uni(() -> order.after(filter.accountId(), filter.columns(), last.get(), REPLAY_PAGE)
                        .invoke(page -> page.forEach(stored -> last.set(stored.seq()))))
                .whilst(page -> page.size() == REPLAY_PAGE)
                .onItem().<EventStore.Stored>disjoint();
        return Multi.createBy().concatenating().streams(replay,
                        Multi.createFrom().deferred(() -> live.events().select().where(stored -> stored.seq() > last.get())))
                .onTermination().invoke(live::cancel);
    }

}
