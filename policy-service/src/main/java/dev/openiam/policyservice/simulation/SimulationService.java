package dev.openiam.policyservice.simulation;

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
import dev.openiam.policyservice.simulation.EvaluationResult.MatchedStatement;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

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

    private static final Logger LOG = Logger.getLogger(SimulationService.class);

    /** A page of results; the order (actions, then resources, as given) is stable, so markers are positions. */
    Page<EvaluationResult> simulate(SimulatedPolicies policies, SimulationRequest request, String principalArn) {
        PageRequest page = PageRequest.of(request.marker(), request.maxItems());
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
            Map<String, List<StatementPositions.Span>> positions = new HashMap<>();
            boolean several = request.resourceArns().size() > 1;
            List<Keyed> all = new ArrayList<>();
            for (String action : request.actionNames()) {
                for (String resource : request.resourceArns()) {
                    Request question = Request.builder().principal(principalArn).action(action).resource(resource)
                            .resourceAccount(request.resourceAccount()).context(request.context()).build();
                    Decision decision = set.evaluate(question);
                    Boolean byBoundary = boundaryAlone == null ? null : boundaryAlone.evaluate(question).isAllowed();
                    all.add(new Keyed(String.format("%010d", all.size()), new EvaluationResult(action, resource,
                            decision(decision), matched(decision, policies, positions), missing(policies, action, request),
                            byBoundary, several)));
                }
            }
            Page<Keyed> keyed = page.slice(all, Keyed::key);
            return new Page<>(keyed.items().stream().map(Keyed::result).toList(), keyed.isTruncated(), keyed.marker());
        } catch (IamException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("policy simulation failed", e);
            throw new IamException(ErrorCode.POLICY_EVALUATION, "The policies could not be evaluated.");
        }
    }

    /** {@code GetContextKeysFor*Policy}: every key the documents read. */
    List<String> contextKeys(SimulatedPolicies policies) {
        ContextKeys keys = new ContextKeys();
        policies.all().forEach(policy -> keys.add(policy.compiled().document()));
        return keys.names();
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

    /** Keys read by statements that cover the action, in any document, that the request did not supply. */
    private static List<String> missing(SimulatedPolicies policies, String action, SimulationRequest request) {
        ContextKeys keys = new ContextKeys();
        policies.all().forEach(policy -> keys.addFor(policy.compiled().document(), action));
        return keys.missingFrom(request.context());
    }
}
