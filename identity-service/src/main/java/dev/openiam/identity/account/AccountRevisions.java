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

    /** The tokens: per producing service, the revision a decision must reflect. */
    public record Revisions(long identity, long policy) {
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
        return pool.preparedQuery("select revision, policy_revision from identity.accounts where account_id = $1")
                .execute(Tuple.of(accountId))
                .map(rows -> rows.iterator().hasNext()
                        ? new Revisions(rows.iterator().next().getLong(0), rows.iterator().next().getLong(1))
                        : new Revisions(0, 0));
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

    /** Records that a forwarded write committed at policy revision {@code revision}. */
    public Uni<Void> policyWritten(String accountId, long revision) {
        return pool.preparedQuery("update identity.accounts set policy_revision = greatest(policy_revision, $2) where account_id = $1")
                .execute(Tuple.of(accountId, revision)).replaceWithVoid();
    }
}
