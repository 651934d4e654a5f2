package dev.openiam.policyservice.simulation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The policy simulator's limits, under {@code iam.policy.simulation.*}. */
@ConfigMapping(prefix = "iam.policy.simulation")
public interface SimulationConfig {

    /**
     * The most evaluations ({@code ActionNames} × {@code ResourceArns}) one simulation request may ask for;
     * beyond it the request is refused with {@code InvalidInput} before anything is loaded or evaluated. AWS
     * documents no such number; 1,000 is one page at the largest {@code MaxItems}.
     */
    @WithDefault("1000")
    int maxEvaluations();
}
