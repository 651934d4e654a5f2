package dev.openiam.policyservice.simulation;

import dev.openiam.awsprotocol.error.ClientError;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.rules.Page;
import dev.openiam.model.rules.PageRequest;
import dev.openiam.policy.CompiledPolicy;
import dev.openiam.policy.Decision;
import dev.openiam.policy.PolicyEngine;
import dev.openiam.policy.PolicyKind;
import dev.openiam.policy.PolicySet;
import dev.openiam.policy.PolicyType;
import dev.openiam.policy.Request;
import dev.openiam.policy.StatementRef;
import dev.openiam.policyservice.internal.InternalErrors;
import dev.openiam.policyservice.simulation.EvaluationResult.MatchedStatement;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy simulator: evaluates each action on each resource against a set of documents with the policy
 * engine, as the decision point would, and explains the outcome as AWS's simulator does (matched
 * statements, condition keys the request did not supply, what the permissions boundary alone says).
 */
@ApplicationScoped
public class SimulationService {

    /**
     * A page of results. The order (actions, then resources, as given) is stable, so a marker is a position: only
     * the page's own evaluations run (and one more, to know whether the page is the last).
     */
    Page<EvaluationResult> simulate(SimulatedPolicies policies, SimulationRequest request, String principalArn) {
        PageRequest page = PageRequest.of(request.marker(), request.maxItems());
        int first = first(page, request.marker());
        try {
            PolicySet.Builder builder = PolicySet.builder().identityPolicies(policies.identity().stream()
                    .map(SimulatedPolicy::compiled).toList());
            PolicySet boundaryAlone = null;
            if (policies.boundary() != null) {
                builder.permissionBoundary(policies.boundary().compiled());
                // the boundary read as an identity policy tells whether it alone allows (PermissionsBoundaryDecisionDetail)
                CompiledPolicy asIdentity = PolicyEngine.compile(policies.boundary().compiled().id(), policies.boundary().text(),
                        PolicyType.IDENTITY, PolicyKind.AWS_MANAGED);
                boundaryAlone = PolicySet.builder().identityPolicy(asIdentity).build();
            }
            if (policies.resource() != null) {
                builder.resourcePolicy(policies.resource().compiled());
            }
            PolicySet set = builder.build();
            ContextKeys keys = keys(policies);
            Map<String, List<String>> missing = new HashMap<>();
            Map<String, List<StatementPositions.Span>> positions = new HashMap<>();
            List<String> actions = request.actionNames();
            List<String> resources = request.resourceArns();
            boolean several = resources.size() > 1;
            int total = actions.size() * resources.size();
            List<Keyed> fetched = new ArrayList<>();
            for (int i = first; i < total && fetched.size() <= page.maxItems(); i++) {
                String action = actions.get(i / resources.size());
                String resource = resources.get(i % resources.size());
                // the request's one context, built once: its typed values are read once, whatever the count of evaluations
                Request question = Request.builder().principal(principalArn).action(action).resource(resource)
                        .resourceAccount(request.resourceAccount()).context(request.context()).build();
                Decision decision = set.explain(question); // its matched statements are always reported
                Boolean byBoundary = boundaryAlone == null ? null : boundaryAlone.evaluate(question).isAllowed();
                List<String> lacking = missing.computeIfAbsent(action, a -> keys.missingFor(a, request.context()));
                fetched.add(new Keyed(key(i), new EvaluationResult(action, resource, decision(decision),
                        matched(decision, policies, positions), lacking, byBoundary, several)));
            }
            Page<Keyed> keyed = page.page(fetched, Keyed::key);
            return new Page<>(keyed.items().stream().map(Keyed::result).toList(), keyed.isTruncated(), keyed.marker());
        } catch (IamException e) {
            throw e;
        } catch (RuntimeException e) {
            IamException failure = new IamException(ErrorCode.POLICY_EVALUATION, "The policies could not be evaluated.");
            InternalErrors.LOGGED.report(new ClientError(failure.code(), failure.getMessage()), e);
            throw failure;
        }
    }

    /** {@code GetContextKeysFor*Policy}: every key the documents read. */
    List<String> contextKeys(SimulatedPolicies policies) {
        return keys(policies).names();
    }

    private static ContextKeys keys(SimulatedPolicies policies) {
        return ContextKeys.of(policies.all().stream().map(policy -> policy.compiled().document()).toList());
    }

    /** The position of an evaluation, as its marker holds it. */
    private static String key(int position) {
        return String.format("%010d", position);
    }

    /** The position after the marker's, or 0 without one. */
    private static int first(PageRequest page, String marker) {
        if (page.after().isEmpty()) {
            return 0;
        }
        if (!page.after().matches("\\d{10}")) {
            throw new IamException(ErrorCode.VALIDATION_ERROR, "Invalid Marker: `" + marker + "`");
        }
        // past the last evaluation is an empty page
        return (int) Math.min(Long.parseLong(page.after()) + 1, Integer.MAX_VALUE);
    }

    private record Keyed(String key, EvaluationResult result) {
    }

    private static String decision(Decision decision) {
        return switch (decision.outcome()) {
            case ALLOW -> "allowed";
            case EXPLICIT_DENY -> "explicitDeny";
            case IMPLICIT_DENY -> "implicitDeny";
        };
    }

    private static List<MatchedStatement> matched(Decision decision, SimulatedPolicies policies,
                                                  Map<String, List<StatementPositions.Span>> positions) {
        List<MatchedStatement> matched = new ArrayList<>();
        for (StatementRef ref : decision.statements()) {
            SimulatedPolicy policy = policies.byId(ref.policyId());
            if (policy == null) {
                continue;
            }
            List<StatementPositions.Span> spans = positions.computeIfAbsent(ref.policyId(), id -> StatementPositions.of(policy.text()));
            StatementPositions.Span span = ref.index() < spans.size() ? spans.get(ref.index()) : null;
            matched.add(new MatchedStatement(policy.sourceId(), policy.sourceType(), span == null ? null : span.start(),
                    span == null ? null : span.end()));
        }
        return matched;
    }
}
