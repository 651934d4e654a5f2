package dev.openiam.policyservice.config;

import dev.openiam.glue.outbox.RelayConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** policy-service settings under {@code iam.policy.*} (distinct from identity-service's {@code iam.*} keys). */
@ConfigMapping(prefix = "iam.policy")
public interface PolicyConfig {

    Outbox outbox();

    /** The decision point's in-memory state; every bound evicts entries that are rebuilt on next use, never served stale. */
    Decision decision();

    interface Decision {
        /** Compiled policy sets kept, one per principal ({@code iam.policy.decision.policy-sets-max-entries}). */
        @WithDefault("100000")
        long policySetsMaxEntries();

        /**
         * Policy changes remembered for exact invalidation; a set built before a forgotten change is rebuilt
         * ({@code iam.policy.decision.touches-max-entries}).
         */
        @WithDefault("100000")
        long touchesMaxEntries();

        /**
         * Principals (users, groups, roles; an account counts one more) of the accounts projected from
         * identity-service ({@code iam.policy.decision.projection-max-principals}).
         */
        @WithDefault("200000")
        long projectionMaxPrincipals();
    }

    interface Outbox extends RelayConfig {
        /** Topic of policy events. */
        @WithDefault("iam.policy.v1")
        String topic();
    }
}
