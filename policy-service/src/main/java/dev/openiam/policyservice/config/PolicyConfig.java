package dev.openiam.policyservice.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** policy-service settings under {@code iam.policy.*} (distinct from identity-service's {@code iam.*} keys). */
@ConfigMapping(prefix = "iam.policy")
public interface PolicyConfig {

    Outbox outbox();

    interface Outbox {
        /** Topic of policy events. */
        @WithDefault("iam.policy.v1")
        String topic();

        /** Partitions to create the topic with, when it does not exist. */
        @WithDefault("6")
        int partitions();

        /** Rows published per relay round. */
        @WithDefault("500")
        int batchSize();

        /** How long the relay waits for new rows when nothing signalled it. */
        @WithDefault("500")
        long idleMillis();

        /** Back-off after a failed round (Kafka unreachable). */
        @WithDefault("1000")
        long retryMillis();
    }
}
