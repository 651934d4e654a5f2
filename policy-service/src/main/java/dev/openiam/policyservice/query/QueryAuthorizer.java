package dev.openiam.policyservice.query;

import dev.openiam.authorization.ActionDescription;
import dev.openiam.authorization.CallerRef;
import dev.openiam.authorization.Check;
import dev.openiam.authorization.EntityRef;
import dev.openiam.authorization.IamAuthorizations;
import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.policyservice.authorization.EntityResolver;
import dev.openiam.policyservice.decision.AuthorizeRequest;
import dev.openiam.policyservice.decision.DecisionService;
import dev.openiam.policyservice.internal.Caller;
import dev.openiam.policyservice.principal.AccountPrincipals;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decides a forwarded action here, at the decision point, in the request that performs it: the action's
 * authorization description names its resources, which are resolved as stored (the principal's path and
 * letter case, its tags and permissions boundary; the policy's tags), and every check it needs must allow,
 * with the condition keys the front door derived from the HTTP request. The root user may do everything in
 * its account. Anything not clearly allowed is AccessDenied (fail closed), before the entity is looked up by
 * the handler, so existence does not leak.
 */
@ApplicationScoped
public class QueryAuthorizer {

    private final EntityResolver resolver;
    private final DecisionService decisions;

    public QueryAuthorizer(EntityResolver resolver, DecisionService decisions) {
        this.resolver = resolver;
        this.decisions = decisions;
    }

    /** Authorizes {@code action}; {@code callContext} holds the global keys the front door derived. */
    public Uni<Void> authorize(Caller caller, IamAction action, QueryRequest request, AccountPrincipals principals,
                               Map<String, Object> callContext, long policyRevision) {
        if (caller.root()) {
            return Uni.createFrom().voidItem();
        }
        ActionDescription description = IamAuthorizations.get().find(action.name());
        if (description == null) {
            throw new IamException(ErrorCode.ACCESS_DENIED, "User: " + caller.arn() + " is not authorized to perform: iam:"
                    + action.name());
        }
        CallerRef ref = new CallerRef(caller.accountId(), caller.arn());
        Set<EntityRef> lookups = description.lookups(request, ref);
        return resolver.resolve(principals, lookups).chain(stored -> {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (Check check : description.checks(request, ref, stored::get)) {
                all = all.chain(() -> decide(caller, check, callContext, principals.revision(), policyRevision));
            }
            return all;
        });
    }

    private Uni<Void> decide(Caller caller, Check check, Map<String, Object> callContext, long identityRevision,
                             long policyRevision) {
        Map<String, Object> context = new LinkedHashMap<>(callContext == null ? Map.of() : callContext);
        context.putAll(check.context());
        // only the decision and a deny's message are read: an Allow's reasons are not looked for
        return decisions.authorize(new AuthorizeRequest(caller.arn(), check.action(), check.resource(), null, context, null, null,
                        Map.of("identity", identityRevision, "policy", policyRevision),
                        caller.session() == null ? null : caller.session().toMap(), false, false))
                .invoke(answer -> {
                    if (!"Allow".equals(answer.decision())) {
                        throw new IamException(ErrorCode.ACCESS_DENIED, answer.message() != null ? answer.message()
                                : "User: " + caller.arn() + " is not authorized to perform: " + check.action() + " on resource: "
                                + check.resource());
                    }
                })
                .replaceWithVoid();
    }
}
