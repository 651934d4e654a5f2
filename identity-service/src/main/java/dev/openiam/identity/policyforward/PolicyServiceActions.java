package dev.openiam.identity.policyforward;

import dev.openiam.authorization.GlobalKeys;
import dev.openiam.authorization.IamAuthorizations;
import dev.openiam.authorization.Owner;
import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.identity.auth.Caller;
import dev.openiam.identity.query.IamAction;
import dev.openiam.identity.query.IamAction.Result;
import dev.openiam.identity.query.IamActionGroup;
import io.smallrye.mutiny.Uni;
import dev.openiam.identity.account.AccountRevisions;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The IAM actions policy-service owns. The front door authenticates them and forwards them in one hop with
 * the global condition keys of the HTTP request and the account's current revisions, so policy-service — the
 * decision point — authorizes them on what is stored, as the caller just wrote it (read-your-writes), and
 * performs them in that same request.
 */
@ApplicationScoped
public class PolicyServiceActions implements IamActionGroup {

    private final PolicyServiceClient client;
    private final AccountRevisions revisions;
    private final BoundaryCopy boundaries;

    public PolicyServiceActions(PolicyServiceClient client, AccountRevisions revisions, BoundaryCopy boundaries) {
        this.client = client;
        this.revisions = revisions;
        this.boundaries = boundaries;
    }

    /** Every action the authorization descriptions give to policy-service: one table, no second list. */
    @Override
    public List<IamAction> actions() {
        return IamAuthorizations.get().namesOwnedBy(Owner.POLICY).stream()
                .map(name -> IamAction.forwarded(name, (request, caller, requestId, call) -> forward(name, request, caller, requestId, call)))
                .toList();
    }

    private Uni<Result> forward(String name, QueryRequest request, Caller caller, String requestId, GlobalKeys.Call call) {
        Map<String, Object> context = GlobalKeys.of(call, caller.mfaAuthenticatedAt(), caller.session() != null, Instant.now());
        return revisions.current(caller.accountId())
                .chain(revisions -> client.iam(caller, name, request.all(), requestId, revisions, context))
                .call(answer -> answer.policyRevision() == null ? Uni.createFrom().voidItem()
                        : revisions.policyWritten(caller.accountId(), answer.policyRevision())
                                .chain(() -> boundaries.forwarded(caller.accountId(), name, request.all())))
                .map(answer -> Result.raw(answer.status(), answer.xml()));
    }
}
