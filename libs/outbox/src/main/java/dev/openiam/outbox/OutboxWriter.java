package dev.openiam.outbox;

import dev.openiam.model.event.Event;
import dev.openiam.model.event.EventCodec;
import dev.openiam.model.event.EventEnvelope;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Appends an event to the outbox inside the caller's transaction (the one that makes the change), so
 * that the change and its event commit or roll back together. The caller owns the account's revision
 * counter and must hold its lock, so that revisions follow commit order.
 * <p>
 * Table: {@code event_id uuid primary key, account_id, revision bigint, topic, event_type, version int,
 * actor, occurred_at timestamptz, payload text, unique (account_id, revision)}.
 */
public final class OutboxWriter {

    private final String insert;
    private final String topic;

    public OutboxWriter(OutboxSettings settings) {
        this.topic = settings.topic();
        this.insert = "insert into " + settings.table() + " (event_id, account_id, revision, topic, event_type, version, actor, "
                + "occurred_at, payload) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
    }

    /** Appends {@code event} as the account's revision {@code revision}; returns its envelope. */
    public Uni<EventEnvelope> append(Mutiny.Session session, String accountId, long revision, Instant occurredAt,
                                     String actor, Event event) {
        EventEnvelope envelope = EventEnvelope.of(accountId, revision, occurredAt, actor, event);
        return session.createNativeQuery(insert)
                .setParameter(1, envelope.eventId())
                .setParameter(2, envelope.accountId())
                .setParameter(3, envelope.revision())
                .setParameter(4, topic)
                .setParameter(5, envelope.type())
                .setParameter(6, envelope.version())
                .setParameter(7, envelope.actor())
                .setParameter(8, envelope.occurredAt().atOffset(ZoneOffset.UTC))
                .setParameter(9, EventCodec.encodePayload(event))
                .executeUpdate()
                .replaceWith(envelope);
    }
}
