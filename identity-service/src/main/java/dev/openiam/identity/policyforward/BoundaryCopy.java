package dev.openiam.identity.policyforward;

import dev.openiam.identity.account.AccountRevisions;
import dev.openiam.identity.auth.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * policy-service owns and enforces permissions boundaries; identity-service keeps the copy GetUser and GetRole
 * show and its own actions are authorized with ({@code iam:PermissionsBoundary}). The copy changes only through
 * this front door: CreateUser/CreateRole with a boundary (set at policy-service first, see {@link #preset}), and
 * a forwarded Put/Delete*PermissionsBoundary that policy-service performed.
 */
@ApplicationScoped
public class BoundaryCopy {

    /** Runs before a user or role is created with a boundary; fails with policy-service's AWS error. */
    @FunctionalInterface
    public interface Preset {
        Uni<Void> before(String principalId, String name, String path);
    }

    private final PolicyServiceClient client;
    private final AccountRevisions revisions;
    private final Pool pool;

    public BoundaryCopy(PolicyServiceClient client, AccountRevisions revisions, Pool pool) {
        this.client = client;
        this.revisions = revisions;
        this.pool = pool;
    }

    /** Sets {@code policyArn} at policy-service as the boundary of the {@code type} ({@code user}/{@code role}) to be created. */
    public Preset preset(Caller caller, String type, String policyArn) {
        return (id, name, path) -> client.presetBoundary(caller, type, id, name, path, policyArn)
                .chain(revision -> revisions.policyWritten(caller.accountId(), revision));
    }

    /**
     * After a forwarded call that policy-service performed at {@code policyRevision}: records the account's policy
     * revision and, for a Put/Delete{User,Role}PermissionsBoundary, makes the copy follow — in one statement, so the
     * copy never changes without the revision that kept reads ({@link dev.openiam.identity.account.RevisionCache})
     * are checked against.
     */
    Uni<Void> forwarded(String accountId, String action, java.util.Map<String, String> params, long policyRevision) {
        String table = action.contains("User") ? "users" : action.contains("Role") ? "roles" : null;
        if (table == null || !action.endsWith("PermissionsBoundary")) {
            return revisions.policyWritten(accountId, policyRevision);
        }
        String name = params.get(table.equals("users") ? "UserName" : "RoleName");
        String arn = action.startsWith("Put") ? params.get("PermissionsBoundary") : null;
        String column = table.equals("users") ? "user_name" : "role_name";
        return pool.preparedQuery("with copy as (update identity." + table + " set permissions_boundary_arn = $4 where account_id = $1 and lower("
                        + column + ") = lower($3)) " + AccountRevisions.POLICY_WRITTEN)
                .execute(Tuple.of(accountId, policyRevision, name, arn)).replaceWithVoid();
    }
}
