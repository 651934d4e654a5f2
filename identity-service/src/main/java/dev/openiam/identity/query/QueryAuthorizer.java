package dev.openiam.identity.query;

import dev.openiam.authorization.ActionDescription;
import dev.openiam.authorization.CallerRef;
import dev.openiam.authorization.Check;
import dev.openiam.authorization.Entity;
import dev.openiam.authorization.EntityRef;
import dev.openiam.authorization.GlobalKeys;
import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.identity.account.AccountRevisions;
import dev.openiam.identity.auth.Caller;
import dev.openiam.identity.authorization.EntityResolver;
import dev.openiam.glue.peers.DecisionClient;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether the caller may perform one of this service's actions, as its authorization description
 * says: the entities it names are resolved first and authorized as stored (path, letter case, tags), each
 * check the action needs (a rename's two ARNs, PassRole) is decided by policy-service's decision API with the
 * account's current revisions (read-your-writes), and every check must allow. The root user may do everything
 * in its account. No clear Allow means no action (fail closed); a caller who is not allowed learns nothing of
 * whether the entity exists.
 */
@ApplicationScoped
public class QueryAuthorizer {

    private final DecisionClient decisions;
    private final AccountRevisions revisions;
    private final EntityResolver resolver;
    private final List<ImplicitGrant> grants;

    public QueryAuthorizer(DecisionClient decisions, AccountRevisions revisions, EntityResolver resolver,
                           jakarta.enterprise.inject.Instance<ImplicitGrant> grants) {
        this.decisions = decisions;
        this.revisions = revisions;
        this.resolver = resolver;
        this.grants = grants.stream().toList();
    }

    public Uni<Void> authorize(Caller caller, ActionDescription action, QueryRequest request, GlobalKeys.Call call) {
        if (caller.root()) {
            return Uni.createFrom().voidItem();
        }
        CallerRef ref = new CallerRef(caller.accountId(), caller.arn());
        Set<EntityRef> lookups = action.lookups(request, ref);
        Map<String, Object> global = GlobalKeys.of(call, caller.mfaAuthenticatedAt(), caller.session() != null, Instant.now());
        // the account's revisions first (read once per request): the entities are kept under them
        return revisions.atRequestStart(caller.accountId()).chain(revision -> (lookups.isEmpty()
                ? Uni.createFrom().item(Map.<EntityRef, Entity>of()) : resolver.resolve(caller, lookups)).chain(stored -> {
            List<Check> checks = action.checks(request, ref, stored::get);
            Uni<Void> all = Uni.createFrom().voidItem();
            for (Check check : checks) {
                all = all.chain(() -> decide(caller, check, global, revision));
            }
            return all;
        }));
    }

    private Uni<Void> decide(Caller caller, Check check, Map<String, Object> global, AccountRevisions.Revisions revision) {
        Map<String, Object> context = new LinkedHashMap<>(global);
        context.putAll(check.context());
        return decisions.decide(caller.claims(), DecisionClient.Question.of(check.action(), check.resource(), context,
                        revision.identity(), revision.policy()))
                .chain(decision -> decision.allowed() ? Uni.createFrom().voidItem()
                        : "ImplicitDeny".equals(decision.decision())
                        ? granted(caller, check, 0).invoke(granted -> deny(granted, caller, check, decision)).replaceWithVoid()
                        : Uni.createFrom().<Boolean>item(false).invoke(no -> deny(no, caller, check, decision)).replaceWithVoid());
    }

    /** Whether an account setting grants what no policy allowed; asked one after another, none usually applies. */
    private Uni<Boolean> granted(Caller caller, Check check, int index) {
        if (index == grants.size()) {
            return Uni.createFrom().item(false);
        }
        return grants.get(index).grants(caller, check).chain(yes -> yes ? Uni.createFrom().item(true) : granted(caller, check, index + 1));
    }

    private static void deny(boolean granted, Caller caller, Check check, DecisionClient.Decision decision) {
        if (!granted) {
            throw new IamException(ErrorCode.ACCESS_DENIED, decision.message() != null ? decision.message()
                    : "User: " + caller.arn() + " is not authorized to perform: " + check.action() + " on resource: "
                    + check.resource() + " because no identity-based policy allows the " + check.action() + " action");
        }
    }
}
