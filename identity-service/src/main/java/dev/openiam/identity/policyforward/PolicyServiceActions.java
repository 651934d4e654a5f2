package dev.openiam.identity.policyforward;

import dev.openiam.authorization.GlobalKeys;
import dev.openiam.authorization.IamAuthorizations;
import dev.openiam.authorization.Owner;
import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.glue.audit.AuditedCall;
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

    /** What policy-service needs to record the call as this front door took it: the same event, from the same origin. */
    private static Map<String, Object> audit(GlobalKeys.Call call) {
        AuditedCall audited = AuditedCall.current();
        if (audited == null) {
            return null;
        }
        Map<String, Object> audit = new java.util.LinkedHashMap<>();
        audit.put("eventId", audited.call().eventId().toString());
        audit.put("eventTime", audited.call().eventTime().toString());
        audit.put("sourceIp", call.sourceIp());
        audit.put("userAgent", call.userAgent());
        return audit;
    }

    private Uni<Result> forward(String name, QueryRequest request, Caller caller, String requestId, GlobalKeys.Call call) {
        Map<String, Object> context = GlobalKeys.of(call, caller.mfaAuthenticatedAt(), caller.session() != null, Instant.now());
        return revisions.atRequestStart(caller.accountId())
                .chain(revisions -> client.iam(caller, name, request.all(), requestId, revisions, context, audit(call)))
                // policy-service answered: it recorded the call (under the event id sent with it)
                .invoke(answer -> {
                    AuditedCall audited = AuditedCall.current();
                    if (audited != null) {
                        audited.recordedElsewhere();
                    }
                })
                .call(answer -> answer.policyRevision() == null ? Uni.createFrom().voidItem()
                        : boundaries.forwarded(caller.accountId(), name, request.all(), answer.policyRevision()))
                .map(answer -> Result.raw(answer.status(), answer.xml()));
    }
}
