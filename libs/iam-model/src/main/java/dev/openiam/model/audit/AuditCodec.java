package dev.openiam.model.audit;

import dev.openiam.model.event.EventCodec;
import dev.openiam.model.event.EventEnvelope;

import java.util.Objects;

/**
 * The JSON of audit records: on topic {@code iam.audit.v1} inside an {@link EventEnvelope} (type
 * {@code AuditRecord}, key the recipient account), and alone as CloudTrail shows one event (LookupEvents'
 * {@code CloudTrailEvent}). Every record is redacted on the way in and on the way out, so that a producer that
 * forgot cannot put a secret into storage or onto the wire.
 */
public final class AuditCodec {

    /** The envelope's {@code type} of an audit record. */
    public static final String TYPE = EventCodec.typeName(AuditRecord.class);

    private AuditCodec() {
    }

    /**
     * {@code record}, redacted, in an envelope whose event id is the record's {@code eventID}; {@code revision} is the
     * producer's (0 when it has none: audit records are not projected, only stored).
     */
    public static EventEnvelope envelope(AuditRecord record, long revision) {
        AuditRecord redacted = AuditRedaction.redact(record);
        String actor = redacted.userIdentity().arn() == null ? "anonymous" : redacted.userIdentity().arn();
        return new EventEnvelope(redacted.eventID(), TYPE, EventCodec.CURRENT_VERSION, redacted.recipientAccountId(), revision,
                redacted.eventTime(), actor, redacted);
    }

    /** The topic form: the redacted record in its envelope. */
    public static String encode(AuditRecord record) {
        return EventCodec.encode(envelope(record, 0));
    }

    /**
     * The record in a topic message, redacted. Throws {@link IllegalArgumentException} if the message is malformed or
     * carries another type of event.
     */
    public static AuditRecord decode(String json) {
        EventEnvelope envelope = EventCodec.decode(json);
        if (!(envelope.payload() instanceof AuditRecord record)) {
            throw new IllegalArgumentException("event `" + envelope.type() + "` is not an audit record");
        }
        if (!Objects.equals(record.recipientAccountId(), envelope.accountId())) {
            throw new IllegalArgumentException("audit record of account `" + record.recipientAccountId()
                    + "` in an envelope of account `" + envelope.accountId() + "`");
        }
        return AuditRedaction.redact(record);
    }

    /** The record alone, redacted, as CloudTrail shows it. */
    public static String toJson(AuditRecord record) {
        return EventCodec.encodePayload(AuditRedaction.redact(record));
    }

    /** A record written by {@link #toJson}, redacted again. */
    public static AuditRecord fromJson(String json) {
        return AuditRedaction.redact((AuditRecord) EventCodec.decodePayload(TYPE, json));
    }
}
