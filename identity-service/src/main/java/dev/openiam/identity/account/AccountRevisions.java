package dev.openiam.identity.account;

import dev.openiam.batching.Batched;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * An account's consistency tokens: its identity revision (this service's writes) and the highest
 * policy-service revision written through this front door. Other services must have applied both before
 * they decide or act for a caller of the account (read-your-writes across services and replicas).
 */
@ApplicationScoped
public class AccountRevisions {

    /**
     * The tokens: per producing service, the revision a decision must reflect; and the count of the account's console
     * sign-ins (no event's revision: it moves what {@link RevisionCache} keeps of a principal's last sign-in).
     */
    public record Revisions(long identity, long policy, long signIns) {
    }

    /** What {@link #atRequestStart} read in the current request. */
    private record Read(String accountId, Revisions revisions) {
    }

    private static final String READ = AccountRevisions.class.getName();
    private static final Revisions NONE = new Revisions(0, 0, 0);
    /** Reads under way at once: under load each carries every account asked for while the last ones were out. */
    private static final int READS_IN_FLIGHT = 2;
    private static final int MAX_BATCH = 500;

    private final Pool pool;
    private final Batched<String, Revisions> reads;

    public AccountRevisions(Pool pool) {
        this.pool = pool;
        this.reads = new Batched<>(this::read, MAX_BATCH, READS_IN_FLIGHT);
    }

    /**
     * The account's revisions, read by a query that starts after this call (so it reflects every write committed
     * before it), shared with the calls for any account that arrive while other reads are out.
     */
    public Uni<Revisions> current(String accountId) {
        return reads.submit(accountId);
    }

    private Uni<List<Revisions>> read(List<String> accountIds) {
        String[] distinct = new LinkedHashSet<>(accountIds).toArray(String[]::new);
        return pool.preparedQuery("select account_id, revision, policy_revision, sign_in_revision from identity.accounts "
                        + "where account_id = any($1)")
                .execute(Tuple.of(distinct))
                .map(rows -> {
                    Map<String, Revisions> found = new HashMap<>();
                    for (Row row : rows) {
                        found.put(row.getString(0), new Revisions(row.getLong(1), row.getLong(2), row.getLong(3)));
                    }
                    return accountIds.stream().map(accountId -> found.getOrDefault(accountId, NONE)).toList();
                });
    }

    /**
     * The account's revisions as the current request found them before it wrote anything: read once per request and
     * account (authentication checks its cached key against them, authorization and forwarding pass them on), so a call
     * reads them once. Only for what a request does before its own writes; outside a request, read afresh.
     */
    public Uni<Revisions> atRequestStart(String accountId) {
        if (!VertxContext.isOnDuplicatedContext()) {
            return current(accountId);
        }
        Read read = ContextLocals.<Read>get(READ).orElse(null);
        if (read != null && read.accountId().equals(accountId)) {
            return Uni.createFrom().item(read.revisions());
        }
        return current(accountId).invoke(revisions -> ContextLocals.put(READ, new Read(accountId, revisions)));
    }

    /**
     * Records a forwarded write's policy revision: {@code $1} the account, {@code $2} the revision (a statement that
     * puts a change before it in a {@code with} clause may use {@code $3} and on).
     */
    public static final String POLICY_WRITTEN = "update identity.accounts set policy_revision = greatest(policy_revision, $2) where account_id = $1";

    /** Records that a forwarded write committed at policy revision {@code revision}. */
    public Uni<Void> policyWritten(String accountId, long revision) {
        return pool.preparedQuery(POLICY_WRITTEN).execute(Tuple.of(accountId, revision)).replaceWithVoid();
    }
}
