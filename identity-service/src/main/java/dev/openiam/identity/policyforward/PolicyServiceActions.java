package dev.openiam.identity.policyforward;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.identity.auth.Caller;
import dev.openiam.identity.query.Arns;
import dev.openiam.identity.query.IamAction;
import dev.openiam.identity.query.IamAction.Result;
import dev.openiam.identity.query.IamActionGroup;
import io.smallrye.mutiny.Uni;
import dev.openiam.identity.account.AccountRevisions;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * The IAM actions policy-service owns. The front door authenticates and authorizes them like its own,
 * then forwards them with the account's current identity revision, so policy-service sees the users,
 * groups and roles the caller just wrote (read-your-writes).
 */
@ApplicationScoped
public class PolicyServiceActions implements IamActionGroup {

    private final PolicyServiceClient client;
    private final AccountRevisions revisions;

    public PolicyServiceActions(PolicyServiceClient client, AccountRevisions revisions) {
        this.client = client;
        this.revisions = revisions;
    }

    @Override
    public List<IamAction> actions() {
        List<IamAction> actions = new ArrayList<>();
        IamAction.ResourceArn policy = (request, caller) -> orStar(request.string("PolicyArn"));
        actions.add(forward("CreatePolicy", Arns.created("policy", "PolicyName")));
        actions.add(forward("ListPolicies", Arns.collection("policy")));
        for (String name : List.of("GetPolicy", "DeletePolicy", "CreatePolicyVersion", "GetPolicyVersion", "ListPolicyVersions",
                "DeletePolicyVersion", "SetDefaultPolicyVersion", "TagPolicy", "UntagPolicy", "ListPolicyTags",
                "ListEntitiesForPolicy")) {
            actions.add(forward(name, policy));
        }
        for (String kind : List.of("User", "Group", "Role")) {
            IamAction.ResourceArn principal = Arns.entity(kind.toLowerCase(java.util.Locale.ROOT), kind + "Name");
            for (String pattern : List.of("Attach%sPolicy", "Detach%sPolicy", "ListAttached%sPolicies", "Put%sPolicy",
                    "Get%sPolicy", "Delete%sPolicy", "List%sPolicies")) {
                actions.add(forward(String.format(pattern, kind), principal));
            }
            if (!kind.equals("Group")) {
                actions.add(forward("Put" + kind + "PermissionsBoundary", principal));
                actions.add(forward("Delete" + kind + "PermissionsBoundary", principal));
            }
        }
        // the policy simulator: AWS authorizes the principal ones on the simulated principal, the custom ones on *
        IamAction.ResourceArn simulated = (request, caller) -> orStar(request.string("PolicySourceArn"));
        actions.add(forward("SimulatePrincipalPolicy", simulated));
        actions.add(forward("GetContextKeysForPrincipalPolicy", simulated));
        actions.add(forward("SimulateCustomPolicy", Arns.any()));
        actions.add(forward("GetContextKeysForCustomPolicy", Arns.any()));
        return actions;
    }

    private IamAction forward(String name, IamAction.ResourceArn resource) {
        return IamAction.forwarded(name, resource, (request, caller, requestId) -> forward(name, request, caller, requestId));
    }

    private Uni<Result> forward(String name, QueryRequest request, Caller caller, String requestId) {
        return revisions.current(caller.accountId())
                .chain(revisions -> client.iam(caller, name, request.all(), requestId, revisions.identity()))
                .call(answer -> answer.policyRevision() == null ? Uni.createFrom().voidItem()
                        : revisions.policyWritten(caller.accountId(), answer.policyRevision()))
                .map(answer -> Result.raw(answer.status(), answer.xml()));
    }

    private static String orStar(String value) {
        return value == null ? "*" : value;
    }
}
