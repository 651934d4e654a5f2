package dev.openiam.audit.event.persistence;

import dev.openiam.audit.advisor.LastAccessStore;
import dev.openiam.model.audit.AuditCodec;
import dev.openiam.model.audit.AuditRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Stores audit records, once per eventID, each in its day's partition, with the columns LookupEvents filters on;
 * and reads them back a page at a time.
 */
@ApplicationScoped
public class EventStore {

    /**
     * One statement for a whole batch: each column as an array, unnested into rows (several times faster than a
     * statement per row). Resources travel as one string per row, joined by U+001F, which no type or ARN holds.
     */
    private static final String INSERT = "insert into audit.events (event_id, event_time, account_id, event_name, event_source, "
            + "read_only, username, access_key_id, error_code, resource_types, resource_names, record, principal_arn) "
            + "select id, t, a, n, s, ro, u, k, e, string_to_array(rt, chr(31)), string_to_array(rn, chr(31)), r, p "
            + "from unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::text[], "
            + "$8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[]) "
            + "as b(id, t, a, n, s, ro, u, k, e, rt, rn, r, p) "
            + "on conflict do nothing";
    /**
     * Taken by every storing transaction before it draws sequence numbers, so that they commit in their order (replicas
     * store concurrently): readers of "everything after seq n" never skip a record that commits late.
     */
    private static final String INGEST_LOCK = "select pg_advisory_xact_lock(7300010)";
    private static final String SEPARATOR = "\u001f";

    private final Pool pool;
    private final Partitions partitions;
    private final LastAccessStore lastAccess;

    public EventStore(Pool pool, Partitions partitions, LastAccessStore lastAccess) {
        this.pool = pool;
        this.partitions = partitions;
        this.lastAccess = lastAccess;
    }

    /**
     * Stores {@code records} in one transaction; a record already stored (same eventID) is left as it is, a record older
     * than the retention period is not stored. Returns how many rows were new. The access advisor's last accesses
     * follow in the same transaction.
     */
    public Uni<Integer> store(List<AuditRecord> records) {
        List<AuditRecord> kept = records.stream().filter(r -> partitions.kept(r.eventTime())).toList();
        if (kept.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Set<LocalDate> days = new LinkedHashSet<>();
        kept.forEach(record -> days.add(Partitions.day(record.eventTime())));
        Tuple columns = columns(kept);
        // the three statements are sent at once (pipelined on the connection) and run in that order: the lock first
        return partitions.ensure(days)
                .chain(() -> pool.withTransaction(connection -> Uni.combine().all().unis(
                                connection.query(INGEST_LOCK).execute(),
                                connection.preparedQuery(INSERT).execute(columns),
                                lastAccess.record(connection, kept).replaceWith(Boolean.TRUE))
                        .with((locked, inserted, recorded) -> inserted.rowCount())))
                .onFailure().invoke(partitions::forget);
    }

    /** Runs a lookup built by {@link EventQuery}; rows newest first. */
    public Uni<List<StoredEvent>> find(EventQuery query) {
        return pool.preparedQuery(query.sql()).execute(query.parameters()).map(rows -> {
            List<StoredEvent> events = new ArrayList<>();
            for (Row row : rows) {
                events.add(new StoredEvent(row.getUUID("event_id"), row.getOffsetDateTime("event_time").toInstant(),
                        row.getString("record")));
            }
            return events;
        });
    }

    /** The batch as thirteen column arrays, in INSERT's order. */
    private static Tuple columns(List<AuditRecord> records) {
        int n = records.size();
        UUID[] ids = new UUID[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        Boolean[] readOnly = new Boolean[n];
        String[][] text = new String[10][n];
        for (int i = 0; i < n; i++) {
            AuditRecord record = records.get(i);
            ids[i] = record.eventID();
            times[i] = OffsetDateTime.ofInstant(record.eventTime(), ZoneOffset.UTC);
            readOnly[i] = record.readOnly();
            text[0][i] = record.recipientAccountId();
            text[1][i] = record.eventName();
            text[2][i] = record.eventSource();
            text[3][i] = record.username();
            text[4][i] = record.userIdentity().accessKeyId();
            text[5][i] = record.errorCode();
            text[6][i] = String.join(SEPARATOR, record.resources().stream().map(AuditRecord.Resource::type).distinct().toList());
            text[7][i] = String.join(SEPARATOR, record.resources().stream()
                    .flatMap(r -> java.util.stream.Stream.of(r.name(), r.arn())).distinct().toList());
            text[8][i] = AuditCodec.toJson(record);
            text[9][i] = record.userIdentity().arn();
        }
        return Tuple.tuple().addArrayOfUUID(ids).addArrayOfOffsetDateTime(times).addArrayOfString(text[0])
                .addArrayOfString(text[1]).addArrayOfString(text[2]).addArrayOfBoolean(readOnly).addArrayOfString(text[3])
                .addArrayOfString(text[4]).addArrayOfString(text[5]).addArrayOfString(text[6]).addArrayOfString(text[7])
                .addArrayOfString(text[8]).addArrayOfString(text[9]);
    }

    /**
     * A stored record with its place in the ingest order ({@code seq}), the columns a live filter matches (read from
     * their columns, so that a reader of the ingest order never parses the JSON) and its CloudTrail JSON as stored.
     */
    public record Stored(long seq, Columns columns, String json) {
    }

    /** A stored record's filter columns, as {@code audit.events} holds them. */
    public record Columns(String accountId, String username, String principalArn, String eventName, String eventSource,
                          String errorCode, boolean readOnly) {
    }

    /** One stored record: its key (for the next page's token) and its CloudTrail JSON. */
    public record StoredEvent(UUID eventId, java.time.Instant eventTime, String json) {
    }
}
