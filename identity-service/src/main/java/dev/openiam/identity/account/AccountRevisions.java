package dev.openiam.identity.account;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

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

    private final Pool pool;

    public AccountRevisions(Pool pool) {
        this.pool = pool;
    }

    public Uni<Revisions> current(String accountId) {
        return pool.preparedQuery("select revision, policy_revision, sign_in_revision from identity.accounts where account_id = $1")
                .execute(Tuple.of(accountId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return new Revisions(0, 0, 0);
                    }
                    var row = rows.iterator().next();
                    return new Revisions(row.getLong(0), row.getLong(1), row.getLong(2));
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
