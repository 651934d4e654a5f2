package dev.openiam.sts.workload;

import java.time.Instant;

/**
 * A registered workload (a pod, a VM, a process): its id (shaped as an EC2 instance id, {@code i-} and 17 hex digits;
 * its role sessions are named after it, as EC2 names an instance's), its account, what it is bound to, and — for a
 * Kubernetes workload — the service account whose projected token proves it ({@code null} for one that proves itself
 * with a secret).
 */
public record Workload(String workloadId, String accountId, Kind kind, String targetName, String issuer, String subject,
                       String createdBy, Instant createdAt) {

    /** What a workload is bound to, and the service principal its role's trust policy must allow. */
    public enum Kind {
        /** An instance profile, as an EC2 instance is: its role, assumed by {@code ec2.amazonaws.com}. */
        INSTANCE_PROFILE("instance-profile", "ec2.amazonaws.com"),
        /** A role, as an ECS task's is: assumed by {@code ecs-tasks.amazonaws.com}. */
        ROLE("role", "ecs-tasks.amazonaws.com");

        private final String column;
        private final String servicePrincipal;

        Kind(String column, String servicePrincipal) {
            this.column = column;
            this.servicePrincipal = servicePrincipal;
        }

        public String column() {
            return column;
        }

        public String servicePrincipal() {
            return servicePrincipal;
        }

        static Kind of(String column) {
            for (Kind kind : values()) {
                if (kind.column.equals(column)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("no workload kind " + column);
        }
    }

    /** The role ARN of a ROLE workload (role lookups read the name from its last segment, whatever the role's path). */
    String roleArn() {
        return "arn:aws:iam::" + accountId + ":role/" + targetName;
    }
}
