package dev.openiam.audit.event.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Stored records in the order they were stored ({@code seq}): what a resumed stream replays and what the next log file
 * holds. Sequence numbers become visible in their order (EventStore), so reading after the last one seen misses none.
 */
@ApplicationScoped
public class IngestOrder {

    private static final String COLUMNS = "seq, record, account_id, username, principal_arn, event_name, event_source, "
            + "error_code, read_only";

    private final Pool pool;

    public IngestOrder(Pool pool) {
        this.pool = pool;
    }

    /** Up to {@code limit} of {@code accountId}'s records stored after {@code afterSeq} that match every filter. */
    public Uni<List<EventStore.Stored>> after(String accountId, Map<EventQuery.Filter, Object> filters, long afterSeq, int limit) {
        Map<EventQuery.Filter, Object> ordered = filters.isEmpty() ? Map.of() : new EnumMap<>(filters);
        String sql = "select " + COLUMNS + " from audit.events where account_id = $1 and seq > $2"
                + EventQuery.conditions(ordered.keySet(), 3) + " order by seq limit " + limit;
        Tuple parameters = Tuple.of(accountId, afterSeq);
        ordered.values().forEach(parameters::addValue);
        return pool.preparedQuery(sql).execute(parameters).map(IngestOrder::rows);
    }

    /** Up to {@code limit} records of every account stored after {@code afterSeq} and up to {@code untilSeq}. */
    public Uni<List<EventStore.Stored>> between(long afterSeq, long untilSeq, int limit) {
        return pool.preparedQuery("select " + COLUMNS + " from audit.events where seq > $1 and seq <= $2 order by seq limit " + limit)
                .execute(Tuple.of(afterSeq, untilSeq)).map(IngestOrder::rows);
    }

    /** The last sequence number stored (0 when none). */
    public Uni<Long> last() {
        return pool.query("select coalesce(max(seq), 0) as last from audit.events").execute()
                .map(rows -> rows.iterator().next().getLong("last"));
    }

    private static List<EventStore.Stored> rows(Iterable<Row> rows) {
        List<EventStore.Stored> stored = new ArrayList<>();
        for (Row row : rows) {
            stored.add(new EventStore.Stored(row.getLong("seq"), new EventStore.Columns(row.getString("account_id"),
                    row.getString("username"), row.getString("principal_arn"), row.getString("event_name"),
                    row.getString("event_source"), row.getString("error_code"), row.getBoolean("read_only")),
                    row.getString("record")));
        }
        return stored;
    }
}
