package dev.openiam.bench.workload;

import java.util.List;

/**
 * The benchmark's workload: one principal with managed policies, and the requests to decide.
 * Built by {@link WorkloadGenerator} from a seed, so every run and every engine sees the same one.
 */
public record Workload(Principal principal, List<PolicySpec> policies, List<RequestSpec> requests) {

    /** The workload of the issue: 10 policies of 15 statements, 1,000 distinct requests. */
    public static Workload standard() {
        return new WorkloadGenerator(20261124L).generate(10, 15, 1_000);
    }

    public int statementCount() {
        return policies.stream().mapToInt(p -> p.statements().size()).sum();
    }
}
