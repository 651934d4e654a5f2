package dev.openiam.model.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What travels on a topic: an event with the facts every consumer needs to apply it once and in order.
 *
 * @param eventId    unique per event; consumers use it as idempotency key
 * @param type       the payload's type name, e.g. {@code UserCreated}
 * @param version    the payload schema version of {@code type}
 * @param accountId  the account the change belongs to; also the Kafka key
 * @param revision   per producing service and account, gap-free and in commit order; the consistency token
 * @param occurredAt when the change committed (as seen by its transaction)
 * @param actor      the ARN of the principal that made the change, or {@code system}
 * @param payload    the change itself
 */
public record EventEnvelope(UUID eventId, String type, int version, String accountId, long revision,
                            Instant occurredAt, String actor, Event payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(payload, "payload");
    }

    /** Wraps {@code payload} with a fresh event id, its type name and current schema version. */
    public static EventEnvelope of(String accountId, long revision, Instant occurredAt, String actor, Event payload) {
        return new EventEnvelope(UUID.randomUUID(), EventCodec.typeName(payload.getClass()), EventCodec.CURRENT_VERSION,
                accountId, revision, occurredAt, actor, payload);
    }
}
