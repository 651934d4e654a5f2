package dev.openiam.outbox;

import dev.openiam.model.event.EventCodec;
import dev.openiam.model.event.EventEnvelope;
import io.vertx.mutiny.sqlclient.Row;

import java.time.OffsetDateTime;

/** Rebuilds the published envelope from an outbox row (envelope fields in columns, payload as JSON). */
final class OutboxEnvelope {

    private OutboxEnvelope() {
    }

    static String json(Row row) {
        String type = row.getString("event_type");
        OffsetDateTime occurredAt = row.getOffsetDateTime("occurred_at");
        return EventCodec.encode(new EventEnvelope(
                row.getUUID("event_id"),
                type,
                row.getInteger("version"),
                row.getString("account_id"),
                row.getLong("revision"),
                occurredAt.toInstant(),
                row.getString("actor"),
                EventCodec.decodePayload(type, row.getString("payload"))));
    }
}
