package dev.openiam.audit.event.persistence;

import dev.openiam.model.audit.AuditCodec;
import dev.openiam.model.audit.AuditRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
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

    private static final String INSERT = "insert into audit.events (event_id, event_time, account_id, event_name, event_source, "
            + "read_only, username, access_key_id, error_code, resource_types, resource_names, record) "
            + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) on conflict do nothing";

    private final Pool pool;
    private final Partitions partitions;

    public EventStore(Pool pool, Partitions partitions) {
        this.pool = pool;
        this.partitions = partitions;
    }

    /**
     * Stores {@code records} in one transaction; a record already stored (same eventID) is left as it is, a record older
     * than the retention period is not stored. Returns how many rows were new.
     */
    public Uni<Integer> store(List<AuditRecord> records) {
        List<AuditRecord> kept = records.stream().filter(r -> partitions.kept(r.eventTime())).toList();
        if (kept.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Set<LocalDate> days = new LinkedHashSet<>();
        List<Tuple> rows = new ArrayList<>(kept.size());
        for (AuditRecord record : kept) {
            days.add(Partitions.day(record.eventTime()));
            rows.add(row(record));
        }
        return partitions.ensure(days)
                .chain(() -> pool.withTransaction(connection -> connection.preparedQuery(INSERT).executeBatch(rows)))
                .map(EventStore::inserted)
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

    private static Tuple row(AuditRecord record) {
        List<String> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (AuditRecord.Resource resource : record.resources()) {
            types.add(resource.type());
            names.add(resource.name());
            names.add(resource.arn());
        }
        return Tuple.tuple()
                .addUUID(record.eventID())
                .addOffsetDateTime(OffsetDateTime.ofInstant(record.eventTime(), ZoneOffset.UTC))
                .addString(record.recipientAccountId())
                .addString(record.eventName())
                .addString(record.eventSource())
                .addBoolean(record.readOnly())
                .addString(record.username())
                .addString(record.userIdentity().accessKeyId())
                .addString(record.errorCode())
                .addArrayOfString(types.stream().distinct().toArray(String[]::new))
                .addArrayOfString(names.stream().distinct().toArray(String[]::new))
                .addString(AuditCodec.toJson(record));
    }

    private static int inserted(RowSet<Row> result) {
        int count = 0;
        for (RowSet<Row> rs = result; rs != null; rs = rs.next()) {
            count += rs.rowCount();
        }
        return count;
    }

    /** One stored record: its key (for the next page's token) and its CloudTrail JSON. */
    public record StoredEvent(UUID eventId, java.time.Instant eventTime, String json) {
    }
}
