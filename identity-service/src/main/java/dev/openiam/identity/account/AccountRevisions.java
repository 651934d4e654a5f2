package dev.openiam.identity.account;

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

    /** Records that a forwarded write committed at policy revision {@code revision}. */
    public Uni<Void> policyWritten(String accountId, long revision) {
        return pool.preparedQuery("update identity.accounts set policy_revision = greatest(policy_revision, $2) where account_id = $1")
                .execute(Tuple.of(accountId, revision)).replaceWithVoid();
    }
}
