package dev.openiam.policyservice.simulation;

import java.util.ArrayList;
import java.util.List;

/**
 * The documents of one simulation: identity policies (stored and given), at most one permissions boundary
 * and an optional resource policy.
 */
record SimulatedPolicies(List<SimulatedPolicy> identity, SimulatedPolicy boundary, SimulatedPolicy resource) {

    SimulatedPolicies {
        identity = List.copyOf(identity);
    }

    /** Every document, identity first, as {@code GetContextKeysFor*} reads them. */
    List<SimulatedPolicy> all() {
        List<SimulatedPolicy> all = new ArrayList<>(identity);
        if (boundary != null) {
            all.add(boundary);
        }
        if (resource != null) {
            all.add(resource);
        }
        return all;
    }

    SimulatedPolicy byId(String compiledId) {
        for (SimulatedPolicy policy : all()) {
            if (policy.compiled().id().equals(compiledId)) {
                return policy;
            }
        }
        return null;
    }
}
