package dev.openiam.glue.audit;

import dev.openiam.model.audit.AuditEvent;
import dev.openiam.outbox.AuditOutbox;
import dev.openiam.outbox.OutboxSettings;
import io.vertx.mutiny.sqlclient.Pool;

import java.nio.charset.StandardCharsets;

/**
 * Every service's audit outbox is laid out the same way: table {@code <schema>.audit_outbox} (the columns of its
 * change outbox, revision an identity), relayed to {@code iam.audit.v1} by a relay of its own, under an advisory lock
 * of its own so that it never waits for the change relay (nor the change relay for it).
 */
public final class AuditOutboxes {

    private AuditOutboxes() {
    }

    /** The started audit outbox of the service that owns {@code schema}; close it when the service stops. */
    public static AuditOutbox start(Pool pool, String bootstrapServers, String schema, int partitions, int batchSize,
                                    long idleMillis, long retryMillis) {
        AuditOutbox outbox = new AuditOutbox(pool, bootstrapServers, new OutboxSettings(schema + ".audit_outbox", AuditEvent.TOPIC,
                partitions, lockKey(schema), schema + "-audit-outbox", batchSize, idleMillis, retryMillis));
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
