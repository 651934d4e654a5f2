package dev.openiam.outbox;

import dev.openiam.batching.Batched;
import dev.openiam.model.event.Event;
import dev.openiam.model.event.EventCodec;
import dev.openiam.model.event.EventEnvelope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The change outbox of a service whose events record no stored change of its own (sts-service's notices of the
 * credentials it issued): each event is written on its own, before the call that caused it is answered, batched with
 * concurrent ones ({@link Batched}). A batch takes its revisions in one transaction: each account's counter in
 * the revisions table ({@code account_id varchar primary key, revision bigint}) moves by the number of that account's
 * events in the batch (accounts locked in one order, so replicas never deadlock), and the events get the revisions in
 * between, in the order they were submitted. So an account's revisions stay gap-free and follow commit order, as
 * {@link OutboxWriter}'s do, without one lock of the account's counter per call. The outbox table is
 * {@link OutboxWriter}'s.
 */
public final class NoticeOutbox implements AutoCloseable {

    private record Notice(String accountId, Instant occurredAt, String actor, Event event) {
    }

    private final OutboxRelay relay;
    private final Batched<Notice, Void> writes;
    private final Pool pool;
    private final String topic;
    private final String takeRevisions;
    private final String insert;

    /**
     * @param settings        the outbox table ({@link OutboxWriter}'s columns) and its relay
     * @param revisionsTable  the qualified per-account revision counter table
     */
    public NoticeOutbox(Pool pool, String bootstrapServers, OutboxSettings settings, String revisionsTable) {
        if (!revisionsTable.matches("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?")) {
            throw new IllegalArgumentException("not a table name: " + revisionsTable);
        }
        this.pool = Objects.requireNonNull(pool, "pool");
        this.topic = settings.topic();
        this.relay = new OutboxRelay(pool, bootstrapServers, settings);
        this.takeRevisions = "insert into " + revisionsTable + " as r (account_id, revision) "
                + "select * from unnest($1::varchar[], $2::bigint[]) "
                + "on conflict (account_id) do update set revision = r.revision + excluded.revision returning account_id, revision";
        this.insert = "insert into " + settings.table() + " (event_id, account_id, revision, topic, event_type, version, actor, "
                + "occurred_at, payload) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
        this.writes = Batched.writes(batch -> write(batch).invoke(relay::wakeUp), AuditOutbox.MAX_BATCH);
    }

    /** Stores {@code event} of {@code accountId} with the next batch; completes once it is stored (then relayed). */
    public Uni<Void> publish(String accountId, Instant occurredAt, String actor, Event event) {
        return writes.submit(new Notice(Objects.requireNonNull(accountId, "accountId"), occurredAt, actor, event));
    }

    private Uni<Void> write(List<Notice> batch) {
        Map<String, Long> counts = new TreeMap<>();
        batch.forEach(notice -> counts.merge(notice.accountId(), 1L, Long::sum));
        return pool.withTransaction(connection -> take(connection, counts).chain(last -> {
            Map<String, Long> next = new HashMap<>();
            last.forEach((account, revision) -> next.put(account, revision - counts.get(account) + 1));
            List<Tuple> rows = new ArrayList<>(batch.size());
            for (Notice notice : batch) {
                long revision = next.merge(notice.accountId(), 1L, Long::sum) - 1;
                EventEnvelope envelope = EventEnvelope.of(notice.accountId(), revision, notice.occurredAt(), notice.actor(),
                        notice.event());
                rows.add(Tuple.tuple(List.of(envelope.eventId(), envelope.accountId(), envelope.revision(), topic, envelope.type(),
                        envelope.version(), envelope.actor(), envelope.occurredAt().atOffset(ZoneOffset.UTC),
                        EventCodec.encodePayload(notice.event()))));
            }
            return connection.preparedQuery(insert).executeBatch(rows).replaceWithVoid();
        }));
    }

    /** Moves each account's counter by its count; the last revision each account now has. */
    private Uni<Map<String, Long>> take(SqlConnection connection, Map<String, Long> counts) {
        Tuple arguments = Tuple.of(counts.keySet().toArray(String[]::new), counts.values().toArray(Long[]::new));
        return connection.preparedQuery(takeRevisions).execute(arguments).map(rows -> {
            Map<String, Long> last = new HashMap<>();
            for (Row row : rows) {
                last.put(row.getString("account_id"), row.getLong("revision"));
            }
            return last;
        });
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
}
