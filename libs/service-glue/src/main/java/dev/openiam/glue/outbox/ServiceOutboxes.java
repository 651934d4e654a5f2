package dev.openiam.glue.outbox;

import dev.openiam.model.audit.AuditEvent;
import dev.openiam.outbox.AuditOutbox;
import dev.openiam.outbox.OutboxSettings;
import io.vertx.mutiny.sqlclient.Pool;

import java.nio.charset.StandardCharsets;

/**
 * Every service's outboxes are laid out the same way in the schema it owns: its changes in {@code <schema>.outbox},
 * relayed to the service's topic under an advisory lock the service picks, and its audit records in
 * {@code <schema>.audit_outbox} (the same columns, revision an identity), relayed to {@code iam.audit.v1} by a relay of
 * its own, under an advisory lock of its own so that it never waits for the change relay (nor the change relay for it).
 */
public final class ServiceOutboxes {

    private ServiceOutboxes() {
    }

    /** The settings of the change outbox of the service that owns {@code schema}. */
    public static OutboxSettings changes(String schema, String topic, long lockKey, RelayConfig relay) {
        return new OutboxSettings(schema + ".outbox", topic, relay.partitions(), lockKey, schema + "-service-outbox",
                relay.batchSize(), relay.idleMillis(), relay.retryMillis());
    }

    /** The started audit outbox of the service that owns {@code schema}; close it when the service stops. */
    public static AuditOutbox startAudit(Pool pool, String bootstrapServers, String schema, RelayConfig relay) {
        AuditOutbox outbox = new AuditOutbox(pool, bootstrapServers, new OutboxSettings(schema + ".audit_outbox",
                AuditEvent.TOPIC, relay.partitions(), lockKey(schema), schema + "-audit-outbox", relay.batchSize(),
                relay.idleMillis(), relay.retryMillis()));
        outbox.start();
        return outbox;
    }

    /** "AUDIT" and the schema's name in the low bytes: distinct per service and from the change relays' keys. */
    static long lockKey(String schema) {
        long key = 0x4155444954L << 24;
        byte[] name = schema.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < Math.min(3, name.length); i++) {
            key |= (name[i] & 0xffL) << (16 - 8 * i);
        }
        return key;
    }
}
