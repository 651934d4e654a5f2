package dev.openiam.outbox;

import dev.openiam.batching.Batched;
import dev.openiam.batching.CallerContext;
import dev.openiam.model.audit.AuditCodec;
import dev.openiam.model.audit.AuditEvent;
import dev.openiam.model.audit.AuditRecord;
import dev.openiam.model.event.EventCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.ZoneOffset;
import java.util.List;

/**
 * A service's second outbox, for its audit records ({@code iam.audit.v1}), beside the outbox of its change events.
 * Audit records are not part of an account's revision sequence: they are not projected, only stored (by eventID), so
 * a record must never take a revision that consumers of the change events wait for, and a read or a denied call,
 * which has no transaction of its own, must be able to append one. Hence their own table, whose {@code revision} is a
 * database identity (insertion order, for the relay's ordering and its unique key), and their own relay to their own
 * topic. The table has the columns of {@link OutboxWriter}'s, with {@code revision bigint generated always as
 * identity}.
 * <p>
 * Two ways in: {@link #append} inside the write transaction that makes the change the record describes (the record
 * commits or rolls back with it; the relay publishes it), and {@link #record} for a call that changed nothing (a
 * read, a refusal, a failure), which has no transaction to join: its record goes straight to the topic
 * ({@link DirectAuditProducer}) and, should the broker not acknowledge it at once, into the table, inserted together
 * with concurrent ones in one batch. Either way the record is stored — acknowledged by the broker's in-sync replicas,
 * or in PostgreSQL — before the call is answered.
 */
public final class AuditOutbox implements AutoCloseable {

    /** The most rows one batched write stores. */
    static final int MAX_BATCH = 500;

    private final OutboxRelay relay;
    private final String insertNative;
    private final String insertPrepared;
    private final Batched<AuditRecord, Void> writes;
    private final String bootstrapServers;
    private final OutboxSettings settings;
    private volatile DirectAuditProducer direct;

    /** {@code settings.topic()} must be {@link AuditEvent#TOPIC}; {@code settings.table()} the audit outbox table. */
    public AuditOutbox(Pool pool, String bootstrapServers, OutboxSettings settings) {
        if (!AuditEvent.TOPIC.equals(settings.topic())) {
            throw new IllegalArgumentException("audit records go to " + AuditEvent.TOPIC + ", not " + settings.topic());
        }
        this.relay = new OutboxRelay(pool, bootstrapServers, settings);
        this.bootstrapServers = bootstrapServers;
        this.settings = settings;
        String columns = "insert into " + settings.table() + " (event_id, account_id, topic, event_type, version, actor, occurred_at, payload) ";
        this.insertNative = columns + "values (?1, ?2, '" + AuditEvent.TOPIC + "', ?3, ?4, ?5, ?6, ?7)";
        this.insertPrepared = columns + "values ($1, $2, '" + AuditEvent.TOPIC + "', $3, $4, $5, $6, $7)";
        this.writes = Batched.writes(records -> pool.preparedQuery(insertPrepared)
                .executeBatch(records.stream().map(AuditOutbox::row).toList()).replaceWithVoid().invoke(relay::wakeUp), MAX_BATCH);
    }

    /** Appends {@code record} inside the caller's write transaction; call {@link #wakeUp()} after the commit. */
    public Uni<Void> append(Mutiny.Session session, AuditRecord record) {
        Tuple row = row(record);
        var query = session.createNativeQuery(insertNative);
        for (int i = 0; i < row.size(); i++) {
            query.setParameter(i + 1, row.getValue(i));
        }
        return query.executeUpdate().replaceWithVoid();
    }

    /**
     * Stores {@code record} on its own: on the topic, or else in the table (batched with concurrent ones, the relay
     * woken); completes once it is stored, on the caller's Vert.x context.
     */
    public Uni<Void> record(AuditRecord record) {
        DirectAuditProducer producer = direct;
        if (producer == null || !producer.open()) {
            return writes.submit(record);
        }
        return CallerContext.resume(producer.send(record))
                .onFailure().recoverWithUni(() -> writes.submit(record));
    }

    /** Called after a commit that appended a record, so it leaves at once rather than at the next poll. */
    public void wakeUp() {
        relay.wakeUp();
    }

    /** What waits to be published, for metrics. */
    public OutboxBacklog backlog() {
        return relay.backlog();
    }

    /** Starts the relay and the producer of records that no transaction carries. */
    public void start() {
        relay.start();
        direct = new DirectAuditProducer(bootstrapServers, settings);
    }

    @Override
    public void close() {
        DirectAuditProducer producer = direct;
        direct = null;
        if (producer != null) {
            producer.close();
        }
        relay.close();
    }

    private static Tuple row(AuditRecord record) {
        String actor = record.userIdentity().arn() == null ? "anonymous" : record.userIdentity().arn();
        return Tuple.tuple(List.of(record.eventID(), record.recipientAccountId(), AuditCodec.TYPE,
                EventCodec.CURRENT_VERSION, actor, record.eventTime().atOffset(ZoneOffset.UTC),
                AuditCodec.toJson(record)));
    }
}
