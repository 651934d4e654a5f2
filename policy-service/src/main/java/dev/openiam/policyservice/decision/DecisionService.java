package dev.openiam.policyservice.decision;

import dev.openiam.glue.denial.AuthorizationMessage;
import dev.openiam.glue.denial.AuthorizationMessages;
import dev.openiam.internalauth.SessionContext;
import dev.openiam.model.Arn;
import dev.openiam.model.IamException;
import dev.openiam.model.Tag;
import dev.openiam.policy.CompiledPolicy;
import dev.openiam.policy.Decision;
import dev.openiam.policy.PolicyKind;
import dev.openiam.policy.PolicySet;
import dev.openiam.policy.PolicyType;
import dev.openiam.policy.PrincipalKind;
import dev.openiam.policy.Request;
import dev.openiam.policy.RequestContext;
import dev.openiam.policy.StatementRef;
import dev.openiam.policyservice.observability.DecisionMetrics;
import dev.openiam.policyservice.principal.AccountPrincipals;
import dev.openiam.policyservice.principal.IdentityProjection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers authorization questions: finds the principal in the identity projection, its compiled policy set
 * in the cache (both at least as new as the caller asks), adds the principal's global condition keys and
 * evaluates. Anything unknown, unreadable or unreachable denies (fail closed).
 */
@ApplicationScoped
public class DecisionService {

    private final IdentityProjection identities;
    private final PolicySetCache policySets;
    private final SessionPolicies sessionPolicies;
    private final DocumentCache documents;
    private final DecisionMetrics metrics;
    private final AuthorizationMessages messages;

    public DecisionService(IdentityProjection identities, PolicySetCache policySets, SessionPolicies sessionPolicies,
                           DocumentCache documents, DecisionMetrics metrics, AuthorizationMessages messages) {
        this.identities = identities;
        this.policySets = policySets;
        this.sessionPolicies = sessionPolicies;
        this.documents = documents;
        this.metrics = metrics;
        this.messages = messages;
    }

    public Uni<AuthorizeResponse> authorize(AuthorizeRequest request) {
        return metrics.timed(() -> decide(request));
    }

    private Uni<AuthorizeResponse> decide(AuthorizeRequest request) {
        if (request == null || blank(request.principal()) || blank(request.action()) || blank(request.resource())) {
            throw IamException.validation("principal, action and resource are required");
        }
        if (PrincipalKind.infer(request.principal()) == PrincipalKind.SERVICE) {
            return Uni.createFrom().item(serviceAssumingRole(request));
        }
        Arn principal = parsePrincipal(request.principal());
        String accountId = principal.account();
        long identityRevision = revision(request, "identity");
        long policyRevision = revision(request, "policy");
        // what is known of the principal is derived here; the caller's context never names it
        RequestContext.Builder context = context(request.context());
        SessionContext session = session(request);
        return identities.at(accountId, identityRevision).chain(account -> {
            if (principal.service().equals("iam") && principal.resource().equals("root")) {
                if (!account.exists()) {
                    return Uni.createFrom().item(noSuchPrincipal(request));
                }
                rootKeys(context, principal.toString(), accountId);
                return Uni.createFrom().item(evaluate(request, PolicySet.empty(), List.of(), context.build(), null));
            }
            if (principal.service().equals("iam") && principal.resource().startsWith("oidc-provider/")) {
                // a web identity asking to assume a role (AssumeRoleWithWebIdentity): it has no identity policies, so
                // only the role's trust policy, naming the provider as Federated principal, can allow
                if (!account.exists() || !request.trustPolicy() || session != null) {
                    return Uni.createFrom().item(noSuchPrincipal(request));
                }
                context.put("aws:FederatedProvider", principal.toString());
                context.put("aws:PrincipalType", "WebIdentityUser");
                return Uni.createFrom().item(evaluate(request, PolicySet.empty(), List.of(), context.build(), null));
            }
            Subject subject = subject(account, principal, session);
            if (subject == null || !subject.actsFor(session)) {
                return Uni.createFrom().item(noSuchPrincipal(request));
            }
            subject.addKeys(context, accountId);
            sessionKeys(context, session);
            return policySets.get(accountId, subject.id(), subject.groupIds(), policyRevision)
                    .chain(set -> sessionPolicies.of(session).map(sessions -> evaluate(request, set, sessions, context.build(),
                            subject.roleArn())));
        });
    }

    /**
     * An AWS service principal ({@code ec2.amazonaws.com} for an instance profile's role) asking to assume a role for a
     * workload (sts-service's metadata endpoints; only the system's own services may name one, DecisionCallers refuses it
     * to others): it has no identity policies, so only the role's trust policy, naming it as {@code Service} principal,
     * can allow.
     */
    private AuthorizeResponse serviceAssumingRole(AuthorizeRequest request) {
        if (!request.trustPolicy() || request.session() != null) {
            return noSuchPrincipal(request);
        }
        RequestContext.Builder context = context(request.context());
        context.put("aws:PrincipalServiceName", request.principal());
        return evaluate(request, PolicySet.empty(), List.of(), context.build(), null);
    }

    private AuthorizeResponse noSuchPrincipal(AuthorizeRequest request) {
        return new AuthorizeResponse("ImplicitDeny", List.of(), "IDENTITY_POLICY", messages.explain("User: " + request.principal()
                + " is not authorized to perform: " + request.action() + " on resource: " + request.resource()
                + " because the principal does not exist",
                AuthorizationMessage.denied(null, request.principal(), request.action(), request.resource())));
    }

    private AuthorizeResponse evaluate(AuthorizeRequest request, PolicySet set, List<CompiledPolicy> sessions,
                                       RequestContext context, String roleArn) {
        PolicySet effective = set;
        if (!blank(request.resourcePolicy())) {
            effective = effective.withResourcePolicy(request.trustPolicy()
                    ? documents.compile("trust-policy", request.resourcePolicy(), PolicyType.TRUST, PolicyKind.TRUST)
                    : documents.compile("resource-policy", request.resourcePolicy(), PolicyType.RESOURCE, PolicyKind.RESOURCE));
        }
        List<CompiledPolicy> all = new java.util.ArrayList<>(sessions);
        if (!blank(request.sessionPolicy())) {
            all.add(documents.compile("session-policy", request.sessionPolicy(), PolicyType.SESSION, null));
        }
        if (!all.isEmpty()) {
            effective = effective.withSessionPolicies(all);
        }
        Request question = Request.builder().principal(request.principal()).action(request.action())
                .resource(request.resource()).resourceAccount(request.resourceAccount()).roleArn(roleArn)
                .context(context).build();
        // a caller that reads only the decision of an Allow does not wait for every applicable statement to be found
        boolean reasonsWanted = request.wantsReasons();
        Decision decision = reasonsWanted ? effective.explain(question) : effective.evaluate(question);
        List<String> reasons = decision.isAllowed() && !reasonsWanted ? null
                : decision.statements().stream().map(StatementRef::toString).toList();
        String outcome = switch (decision.outcome()) {
            case ALLOW -> "Allow";
            case EXPLICIT_DENY -> "ExplicitDeny";
            case IMPLICIT_DENY -> "ImplicitDeny";
        };
        return new AuthorizeResponse(outcome, reasons, decision.missingAllow() == null ? null : decision.missingAllow().name(),
                decision.isAllowed() ? null : messages.explain(decision.message(request.principal(), request.action(), request.resource()),
                        new AuthorizationMessage(false, decision.outcome() == dev.openiam.policy.Outcome.EXPLICIT_DENY, reasons,
                                context.value("aws:userid"), request.principal(), request.action(), request.resource(),
                                context.asMap())));
    }

    /**
     * The user or role a principal ARN names, with what its decisions need; {@code source} is the principal a session of
     * it acts for (the role of an assumed-role session, the user of a federated one).
     */
    private record Subject(String id, String name, String arn, String roleArn, Set<String> groupIds, List<Tag> tags,
                           String type, String userId, String source) {

        /** The principal's global condition keys, as stored: they replace anything the caller said. */
        void addKeys(RequestContext.Builder context, String accountId) {
            context.put("aws:PrincipalArn", roleArn != null ? roleArn : arn);
            context.put("aws:PrincipalAccount", accountId);
            context.put("aws:PrincipalType", type);
            context.put("aws:userid", userId);
            if (type.equals("User")) {
                context.put("aws:username", name);
            }
            for (Tag tag : tags) {
                context.put("aws:PrincipalTag/" + tag.key(), tag.value());
            }
        }

        /** Whether {@code session} (if any) is a session of this principal: of this role, or of this very user. */
        boolean actsFor(SessionContext session) {
            return session == null ? !type.equals("FederatedUser") : source.equals(session.sourceArn());
        }
    }

    /**
     * A session's own keys: when its token was issued, its tags over the principal's (a session tag wins over the
     * role's tag of the same key, in any letter case), where it came from.
     */
    private static void sessionKeys(RequestContext.Builder context, SessionContext session) {
        if (session == null) {
            return;
        }
        context.put("aws:TokenIssueTime", session.issuedAt().toString());
        session.tags().forEach((key, value) -> context.put("aws:PrincipalTag/" + key, value));
        if (session.sourceIdentity() != null) {
            context.put("aws:SourceIdentity", session.sourceIdentity());
        }
        if (session.federatedProvider() != null) {
            context.put("aws:FederatedProvider", session.federatedProvider());
        }
    }

    private static SessionContext session(AuthorizeRequest request) {
        try {
            SessionContext session = SessionContext.fromMap(request.session());
            if (session != null && (session.sourceArn() == null || session.issuedAt() == null)) {
                throw IamException.validation("session must name sourceArn and issuedAt");
            }
            return session;
        } catch (ClassCastException | NullPointerException e) {
            throw IamException.validation("session is not a valid session context");
        }
    }

    private static Subject subject(AccountPrincipals account, Arn principal, SessionContext session) {
        String resource = principal.resource();
        if (principal.service().equals("iam") && resource.startsWith("user/")) {
            AccountPrincipals.User user = account.userByName(lastSegment(resource));
            return user == null || !user.arn().equals(principal.toString()) ? null
                    : new Subject(user.id(), user.name(), user.arn(), null, user.groupIds(), user.tags(), "User", user.id(), user.arn());
        }
        if (principal.service().equals("iam") && resource.startsWith("role/")) {
            AccountPrincipals.Role role = account.roleByName(lastSegment(resource));
            return role == null || !role.arn().equals(principal.toString()) ? null
                    : new Subject(role.id(), role.name(), role.arn(), null, Set.of(), role.tags(), "Role", role.id(), role.arn());
        }
        if (principal.service().equals("sts") && resource.startsWith("assumed-role/")) {
            String[] parts = resource.split("/");
            AccountPrincipals.Role role = parts.length == 3 ? account.roleByName(parts[1]) : null;
            return role == null ? null : new Subject(role.id(), role.name(), principal.toString(), role.arn(), Set.of(), role.tags(),
                    "AssumedRole", role.id() + ":" + parts[2], role.arn());
        }
        if (principal.service().equals("sts") && resource.startsWith("federated-user/") && session != null) {
            // a federated user has the permissions of the user that made it (narrowed by its session policies)
            String source = session.sourceArn();
            AccountPrincipals.User user = source.contains(":user/") ? account.userByName(lastSegment(source)) : null;
            String name = lastSegment(resource);
            return user == null || !user.arn().equals(source) ? null : new Subject(user.id(), name, principal.toString(), null,
                    user.groupIds(), user.tags(), "FederatedUser", principal.account() + ":" + name, user.arn());
        }
        return null;
    }

    private static Arn parsePrincipal(String principal) {
        try {
            Arn arn = Arn.parse(principal);
            if (arn.account().isEmpty() || arn.account().equals("aws")) {
                throw IamException.validation("principal `" + principal + "` names no account");
            }
            return arn;
        } catch (IamException e) {
            throw IamException.validation("principal `" + principal + "` is not an IAM or STS principal ARN");
        }
    }

    /** An account root's global condition keys (it has no user name and no tags). */
    private static void rootKeys(RequestContext.Builder context, String arn, String accountId) {
        context.put("aws:PrincipalArn", arn);
        context.put("aws:PrincipalAccount", accountId);
        context.put("aws:PrincipalType", "Account");
        context.put("aws:userid", accountId);
    }

    /**
     * Whether {@code key} describes the principal (any case): {@code aws:Principal*} ({@code aws:PrincipalArn},
     * {@code aws:PrincipalTag/…}, {@code aws:PrincipalAccount}, {@code aws:PrincipalType}, {@code aws:PrincipalOrgID}, …),
     * {@code aws:userid} and {@code aws:username}. Only this service says what they are.
     */
    private static boolean describesPrincipal(String key) {
        String lower = key.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("aws:principal") || lower.equals("aws:userid") || lower.equals("aws:username");
    }

    /** The caller's condition keys, without any that describe the principal. */
    private static RequestContext.Builder context(Map<String, Object> given) {
        RequestContext.Builder builder = RequestContext.builder();
        if (given == null) {
            return builder;
        }
        for (Map.Entry<String, Object> entry : given.entrySet()) {
            if (entry.getKey() == null || describesPrincipal(entry.getKey())) {
                continue;
            }
            Object value = entry.getValue();
            if (value instanceof List<?> list) {
                builder.put(entry.getKey(), list.stream().map(String::valueOf).toList());
            } else if (value != null) {
                builder.put(entry.getKey(), String.valueOf(value));
            }
        }
        return builder;
    }

    private static long revision(AuthorizeRequest request, String producer) {
        if (request.atLeastRevision() == null) {
            return 0;
        }
        Long value = request.atLeastRevision().get(producer);
        return value == null ? 0 : value;
    }

    private static String lastSegment(String resource) {
        return resource.substring(resource.lastIndexOf('/') + 1);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
