package dev.openiam.policyservice.simulation;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.policyservice.internal.Caller;
import dev.openiam.policyservice.query.IamAction;
import dev.openiam.policyservice.query.IamAction.Result;
import dev.openiam.policyservice.query.IamActionGroup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * SimulatePrincipalPolicy, SimulateCustomPolicy, GetContextKeysForPrincipalPolicy and
 * GetContextKeysForCustomPolicy. They write nothing; AWS authorizes the principal ones on the
 * {@code PolicySourceArn} and the custom ones on {@code *}.
 */
@ApplicationScoped
public class SimulationActions implements IamActionGroup {

    /** The name of the stand-in caller of SimulateCustomPolicy when the request names none. */
    static final String SIMULATED_CALLER = "PolicySimulatorCaller";

    private final SimulationPolicies policies;
    private final SimulationService simulator;
    private final int maxEvaluations;

    public SimulationActions(SimulationPolicies policies, SimulationService simulator, SimulationConfig config) {
        this.policies = policies;
        this.simulator = simulator;
        this.maxEvaluations = config.maxEvaluations();
    }

    @Override
    public List<IamAction> actions() {
        return List.of(
                new IamAction("SimulatePrincipalPolicy", this::simulatePrincipal),
                new IamAction("SimulateCustomPolicy", this::simulateCustom),
                new IamAction("GetContextKeysForPrincipalPolicy", this::contextKeysOfPrincipal),
                new IamAction("GetContextKeysForCustomPolicy", this::contextKeysOfCustom));
    }

    private Uni<Result> simulatePrincipal(QueryRequest q, Caller caller) {
        String sourceArn = q.required("PolicySourceArn");
        SimulationRequest request = SimulationInput.read(q, maxEvaluations);
        return policies.source(caller, sourceArn).chain(source -> {
            // AWS: a resource policy needs a caller, which only a user source can stand for
            if (request.resourcePolicy() != null && request.callerArn() == null && !source.type().equals("user")) {
                throw new IamException(ErrorCode.INVALID_INPUT, "CallerArn is required with a ResourcePolicy when "
                        + "PolicySourceArn is not a user.");
            }
            String principal = request.callerArn() != null ? request.callerArn() : source.arn();
            return policies.ofPrincipal(caller, source, q.list("PolicyInputList"), q.list("PermissionsBoundaryPolicyInputList"),
                    request.resourcePolicy()).map(set -> Result.of(e -> SimulationXml.results(e, simulator.simulate(set, request,
                    principal))));
        });
    }

    private Uni<Result> simulateCustom(QueryRequest q, Caller caller) {
        List<String> inputs = SimulationInput.requiredList(q, "PolicyInputList");
        SimulationRequest request = SimulationInput.read(q, maxEvaluations);
        if (request.resourcePolicy() != null && request.callerArn() == null) {
            throw new IamException(ErrorCode.INVALID_INPUT, "CallerArn is required with a ResourcePolicy.");
        }
        SimulatedPolicies set = policies.custom(inputs, q.list("PermissionsBoundaryPolicyInputList"), request.resourcePolicy());
        // Without a CallerArn no resource policy is involved and the documents alone decide; an unnamed user of the
        // caller's account stands in, never the caller itself, whose root user policies would not limit.
        String principal = request.callerArn() != null ? request.callerArn()
                : "arn:aws:iam::" + caller.accountId() + ":user/" + SIMULATED_CALLER;
        var page = simulator.simulate(set, request, principal);
        return Uni.createFrom().item(Result.of(e -> SimulationXml.results(e, page)));
    }

    private Uni<Result> contextKeysOfPrincipal(QueryRequest q, Caller caller) {
        String sourceArn = q.required("PolicySourceArn");
        List<String> inputs = q.list("PolicyInputList");
        return policies.source(caller, sourceArn)
                .chain(source -> policies.ofPrincipal(caller, source, inputs, List.of(), null))
                .map(set -> contextKeys(set));
    }

    private Uni<Result> contextKeysOfCustom(QueryRequest q, Caller caller) {
        List<String> inputs = SimulationInput.requiredList(q, "PolicyInputList");
        return Uni.createFrom().item(contextKeys(policies.custom(inputs, List.of(), null)));
    }

    private Result contextKeys(SimulatedPolicies set) {
        List<String> names = simulator.contextKeys(set);
        return Result.of(e -> SimulationXml.contextKeys(e, names));
    }
}
