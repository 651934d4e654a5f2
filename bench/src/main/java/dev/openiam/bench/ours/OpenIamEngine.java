package dev.openiam.bench.ours;

import dev.openiam.bench.Engine;
import dev.openiam.bench.workload.IamJson;
import dev.openiam.bench.workload.PolicySpec;
import dev.openiam.bench.workload.RequestSpec;
import dev.openiam.bench.workload.Workload;
import dev.openiam.policy.Decision;
import dev.openiam.policy.Outcome;
import dev.openiam.policy.PolicyEngine;
import dev.openiam.policy.PolicyKind;
import dev.openiam.policy.PolicySet;
import dev.openiam.policy.PolicyType;
import dev.openiam.policy.Request;
import dev.openiam.policy.RequestContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Our engine, fed the workload as the IAM JSON documents themselves (managed policies, compiled once into
 * the principal's {@link PolicySet}); policy variables are resolved from the request context at evaluation.
 */
public final class OpenIamEngine implements Engine {

    private final PolicySet policies;
    private final List<Request> requests;

    public OpenIamEngine(Workload workload) {
        PolicySet.Builder builder = PolicySet.builder();
        for (PolicySpec policy : workload.policies()) {
            builder.identityPolicy(PolicyEngine.compile("arn:aws:iam::" + workload.principal().account()
                    + ":policy/" + policy.name(), IamJson.document(policy), PolicyType.IDENTITY, PolicyKind.MANAGED));
        }
        this.policies = builder.build();
        this.requests = workload.requests().stream().map(r -> request(workload, r)).toList();
    }

    private static Request request(Workload workload, RequestSpec r) {
        RequestContext.Builder context = RequestContext.builder()
                .put("aws:username", workload.principal().userName())
                .put("aws:PrincipalTag/team", workload.principal().team());
        callerContext(r).forEach(context::put);
        return Request.builder().principal(workload.principal().arn()).action(r.action()).resource(r.resource())
                .context(context.build()).build();
    }

    /** The context keys a request carries from its caller (those of the principal are the decision point's own). */
    public static Map<String, String> callerContext(RequestSpec r) {
        Map<String, String> context = new LinkedHashMap<>();
        context.put("aws:SourceIp", r.sourceIp());
        context.put("aws:SecureTransport", String.valueOf(r.secureTransport()));
        if (r.mfaAge() != null) {
            context.put("aws:MultiFactorAuthAge", String.valueOf(r.mfaAge()));
        }
        if (r.prefix() != null) {
            context.put("s3:prefix", r.prefix());
        }
        if (r.region() != null) {
            context.put("aws:RequestedRegion", r.region());
        }
        return context;
    }

    @Override
    public String name() {
        return "openiam";
    }

    @Override
    public boolean isAllowed(int index) {
        return policies.evaluate(requests.get(index)).isAllowed();
    }

    /** The number of statements the decision of request {@code index} names, found at once. */
    public int named(int index) {
        return policies.explain(requests.get(index)).statements().size();
    }

    /** The full decision of request {@code index}, for the agreement check. */
    public Outcome outcome(int index) {
        Decision decision = policies.evaluate(requests.get(index));
        return decision.outcome();
    }

    /** The principal's compiled policies. */
    public PolicySet policies() {
        return policies;
    }

    /** The workload's requests as prebuilt {@link Request}s, in order. */
    public List<Request> requests() {
        return requests;
    }

    /** The policy documents as the engine received them, one per managed policy. */
    public static List<String> documents(Workload workload) {
        return workload.policies().stream().map(IamJson::document).toList();
    }
}
