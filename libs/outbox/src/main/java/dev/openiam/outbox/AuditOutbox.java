package dev.openiam.outbox;

import dev.openiam.model.audit.AuditCodec;
import dev.openiam.model.audit.AuditEvent;
import dev.openiam.model.audit.AuditRecord;
import dev.openiam.model.event.EventCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * commits or rolls back with it), and {@link #record} for a call that changed nothing (a read, a refusal, a failure):
 * concurrent records are inserted together in one batch, so under load a call waits for one shared insert rather
 * than its own. Either way the record is in PostgreSQL before the call is answered, and the relay publishes it
 * whenever Kafka is there.
 */
public final class AuditOutbox implements AutoCloseable {

    private static final int MAX_BATCH = 500;

    private final Pool pool;
    private final OutboxRelay relay;
    private final String insertNative;
    private final String insertPrepared;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean inserting = new AtomicBoolean();

    private record Pending(AuditRecord record, CompletableFuture<Void> done) {
    }

    /** {@code settings.topic()} must be {@link AuditEvent#TOPIC}; {@code settings.table()} the audit outbox table. */
    public AuditOutbox(Pool pool, String bootstrapServers, OutboxSettings settings) {
        if (!AuditEvent.TOPIC.equals(settings.topic())) {
            throw new IllegalArgumentException("audit records go to " + AuditEvent.TOPIC + ", not " + settings.topic());
        }
        this.pool = pool;
        this.relay = new OutboxRelay(pool, bootstrapServers, settings);
        String columns = "insert into " + settings.table() + " (event_id, account_id, topic, event_type, version, actor, occurred_at, payload) ";
        this.insertNative = columns + "values (?1, ?2, '" + AuditEvent.TOPIC + "', ?3, ?4, ?5, ?6, ?7)";
        this.insertPrepared = columns + "values ($1, $2, '" + AuditEvent.TOPIC + "', $3, $4, $5, $6, $7)";
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

    /** Stores {@code record} on its own (batched with concurrent ones) and wakes the relay; completes once it is stored. */
    public Uni<Void> record(AuditRecord record) {
        // the caller goes on where it was (its request's Vert.x context), not on the connection that ran the batch
        Context caller = Vertx.currentContext();
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Pending(record, done));
        drain();
        return Uni.createFrom().emitter(emitter -> done.whenComplete((ignored, failure) -> {
            Runnable resume = () -> {
                if (failure == null) {
                    emitter.complete(null);
                } else {
                    emitter.fail(failure);
                }
            };
            if (caller == null) {
                resume.run();
            } else {
                caller.runOnContext(v -> resume.run());
            }
        }));
    }

    /** Called after a commit that appended a record, so it leaves at once rather than at the next poll. */
    public void wakeUp() {
        relay.wakeUp();
    }

    /** What waits to be published, for metrics. */
    public OutboxBacklog backlog() {
        return relay.backlog();
    }

    public void start() {
        relay.start();
    }

    @Override
    public void close() {
        relay.close();
    }

    /** One insert in flight at a time; what arrives meanwhile goes into the next one. */
    private void drain() {
        if (!inserting.compareAndSet(false, true)) {
            return;
        }
        List<Pending> batch = new ArrayList<>();
        for (Pending next; batch.size() < MAX_BATCH && (next = queue.poll()) != null; ) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            inserting.set(false);
            if (!queue.isEmpty()) {
                drain();
            }
            return;
        }
        List<Tuple> rows = new ArrayList<>(batch.size());
        batch.forEach(pending -> rows.add(row(pending.record())));
        pool.preparedQuery(insertPrepared).executeBatch(rows).subscribe().with(
                done -> finish(batch, null),
                failure -> finish(batch, failure));
    }

    private void finish(List<Pending> batch, Throwable failure) {
        inserting.set(false);
        if (failure == null) {
            relay.wakeUp();
            batch.forEach(pending -> pending.done().complete(null));
        } else {
            batch.forEach(pending -> pending.done().completeExceptionally(failure));
        }
        drain();
    }

    private static Tuple row(AuditRecord record) {
        String actor = record.userIdentity().arn() == null ? "anonymous" : record.userIdentity().arn();
        return Tuple.tuple(List.of(record.eventID(), record.recipientAccountId(), AuditCodec.TYPE,
                EventCodec.CURRENT_VERSION, actor, record.eventTime().atOffset(ZoneOffset.UTC),
                AuditCodec.toJson(record)));
    }
}
