package dev.openiam.policyservice.simulation;

import dev.openiam.policy.RequestContext;

import java.util.List;

/**
 * What to simulate, as {@code SimulatePrincipalPolicy} and {@code SimulateCustomPolicy} share it.
 *
 * @param actionNames     {@code ActionNames}
 * @param resourceArns    {@code ResourceArns}; {@code ["*"]} when none were given, as AWS does
 * @param resourcePolicy  {@code ResourcePolicy}, or {@code null}
 * @param resourceAccount the account of {@code ResourceOwner}, or {@code null} (the caller's own account)
 * @param callerArn       {@code CallerArn}, or {@code null}
 * @param context         the {@code ContextEntries}; nothing else: the simulator supplies no key on its own
 * @param marker          {@code Marker}, or {@code null}
 * @param maxItems        {@code MaxItems}, or {@code null}
 */
record SimulationRequest(List<String> actionNames, List<String> resourceArns, String resourcePolicy, String resourceAccount,
                         String callerArn, RequestContext context, String marker, Integer maxItems) {

    SimulationRequest {
        actionNames = List.copyOf(actionNames);
        resourceArns = List.copyOf(resourceArns);
    }
}
