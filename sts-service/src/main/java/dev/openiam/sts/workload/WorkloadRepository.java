package dev.openiam.sts.workload;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sts.workloads}: registrations, found by the SHA-256 of their secret or by their service account, listed and
 * deleted by account.
 */
@ApplicationScoped
public class WorkloadRepository {

    private static final String COLUMNS = "workload_id, account_id, kind, target_name, issuer, subject, created_by, created_at";

    private final Pool pool;

    public WorkloadRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(Workload workload, String secretSha256) {
        return pool.preparedQuery("insert into sts.workloads (" + COLUMNS + ", secret_sha256) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.from(new Object[] {workload.workloadId(), workload.accountId(), workload.kind().column(),
                        workload.targetName(), workload.issuer(), workload.subject(), workload.createdBy(),
                        workload.createdAt().atOffset(ZoneOffset.UTC), secretSha256}))
                .replaceWithVoid();
    }

    public Uni<Workload> bySecret(String secretSha256) {
        return one(pool.preparedQuery("select " + COLUMNS + " from sts.workloads where secret_sha256 = $1").execute(Tuple.of(secretSha256)));
    }

    public Uni<Workload> byServiceAccount(String issuer, String subject) {
        return one(pool.preparedQuery("select " + COLUMNS + " from sts.workloads where issuer = $1 and subject = $2")
                .execute(Tuple.of(issuer, subject)));
    }

    /** Up to {@code limit} workloads of {@code accountId} whose id sorts after {@code after}, in id order. */
    public Uni<List<Workload>> list(String accountId, String after, int limit) {
        return pool.preparedQuery("select " + COLUMNS + " from sts.workloads where account_id = $1 and workload_id > $2"
                        + " order by workload_id limit $3")
                .execute(Tuple.of(accountId, after, limit))
                .map(set -> {
                    List<Workload> workloads = new ArrayList<>(set.size());
                    set.forEach(row -> workloads.add(workload(row)));
                    return workloads;
                });
    }

    /** Deletes workload {@code workloadId} of {@code accountId}: what was deleted, or {@code null} if there was none. */
    public Uni<Workload> delete(String accountId, String workloadId) {
        return one(pool.preparedQuery("delete from sts.workloads where account_id = $1 and workload_id = $2 returning " + COLUMNS)
                .execute(Tuple.of(accountId, workloadId)));
    }

    private static Uni<Workload> one(Uni<RowSet<Row>> rows) {
        return rows.map(set -> {
            var it = set.iterator();
            return it.hasNext() ? workload(it.next()) : null;
        });
    }

    private static Workload workload(Row row) {
        return new Workload(row.getString("workload_id"), row.getString("account_id"), Workload.Kind.of(row.getString("kind")),
                row.getString("target_name"), row.getString("issuer"), row.getString("subject"), row.getString("created_by"),
                row.getOffsetDateTime("created_at").toInstant());
    }
}
