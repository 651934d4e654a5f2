package dev.openiam.policyservice.policy.domain;

import dev.openiam.policyservice.policy.persistence.PolicyEntity;

/** A managed policy found by its ARN: one of the account's own, or an AWS-managed one. */
public sealed interface PolicyRef {

    String arn();

    String name();

    String path();

    record Local(PolicyEntity entity) implements PolicyRef {
        @Override
        public String arn() {
            return entity.arn;
        }

        @Override
        public String name() {
            return entity.policyName;
        }

        @Override
        public String path() {
            return entity.path;
        }
    }

    record Aws(AwsManagedPolicy policy) implements PolicyRef {
        @Override
        public String arn() {
            return policy.arn();
        }

        @Override
        public String name() {
            return policy.name();
        }

        @Override
        public String path() {
            return policy.path();
        }
    }
}
