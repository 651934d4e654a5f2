package dev.openiam.audit.advisor;

import dev.openiam.model.audit.AuditRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The access advisor's table: per IAM user or role, service namespace and action, the time of the last authorized call
 * the audit trail recorded (and its region). Written as records are stored, read by policy-service's reports.
 */
@ApplicationScoped
public class LastAccessStore {

    /** AWS's tracking period: activity older than this is not reported. */
    public static final Duration TRACKING_PERIOD = Duration.ofDays(400);

    /**
     * One statement per batch; a key seen again keeps the newer time (and that call's region), so storing a record
     * twice, or out of order, leaves the same row.
     */
    private static final String UPSERT = "insert into audit.last_accessed (account_id, entity_arn, namespace, action_name, "
            + "last_accessed, region) select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], "
            + "$6::text[]) on conflict (account_id, entity_arn, namespace, action_name) do update set "
            + "last_accessed = excluded.last_accessed, region = excluded.region "
            + "where excluded.last_accessed > audit.last_accessed.last_accessed";

    private static final String FIND = "select entity_arn, namespace, action_name, last_accessed, region from audit.last_accessed "
            + "where account_id = $1 and entity_arn = any($2) and last_accessed >= $3";

    private final Pool pool;

    public LastAccessStore(Pool pool) {
        this.pool = pool;
    }

    /** Records the accesses {@code records} show, on {@code connection} (the transaction that stores them). */
    public Uni<Void> record(SqlConnection connection, List<AuditRecord> records) {
        Map<List<String>, LastAccess> newest = new LinkedHashMap<>();
        for (AuditRecord record : records) {
            LastAccess access = LastAccess.of(record);
            if (access != null) {
                newest.merge(access.key(), access, (a, b) -> b.time().isAfter(a.time()) ? b : a);
            }
        }
        if (newest.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = newest.size();
        String[][] text = new String[5][n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        int i = 0;
        for (LastAccess access : newest.values()) {
            text[0][i] = access.accountId();
            text[1][i] = access.entityArn();
            text[2][i] = access.namespace();
            text[3][i] = access.action();
            text[4][i] = access.region();
            times[i++] = OffsetDateTime.ofInstant(access.time(), ZoneOffset.UTC);
        }
        return connection.preparedQuery(UPSERT).execute(Tuple.tuple().addArrayOfString(text[0]).addArrayOfString(text[1])
                .addArrayOfString(text[2]).addArrayOfString(text[3]).addArrayOfOffsetDateTime(times)
                .addArrayOfString(text[4])).replaceWithVoid();
    }

    /** The accesses of {@code entityArns} (of {@code accountId}) within the tracking period before {@code now}. */
    public Uni<List<LastAccess>> find(String accountId, List<String> entityArns, Instant now) {
        OffsetDateTime since = OffsetDateTime.ofInstant(now.minus(TRACKING_PERIOD), ZoneOffset.UTC);
        return pool.preparedQuery(FIND).execute(Tuple.of(accountId, entityArns.toArray(String[]::new), since)).map(rows -> {
            List<LastAccess> found = new ArrayList<>();
            for (Row row : rows) {
                found.add(new LastAccess(accountId, row.getString("entity_arn"), row.getString("namespace"),
                        row.getString("action_name"), row.getOffsetDateTime("last_accessed").toInstant(), row.getString("region")));
            }
            return found;
        });
    }
}
