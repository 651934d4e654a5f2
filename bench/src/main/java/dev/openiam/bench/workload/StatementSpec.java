package dev.openiam.bench.workload;

import java.util.List;

/**
 * One generated statement. Wildcards follow IAM: {@code *} and {@code ?}, actions case-insensitive;
 * resource patterns may hold {@code ${aws:username}} and {@code ${aws:PrincipalTag/team}}, and their
 * wildcards never need to match across a {@code :}, so whole-string and per-segment ARN matching agree.
 */
public record StatementSpec(String sid, boolean allow, boolean notAction, List<String> actions, List<String> resources,
                            List<ConditionSpec> conditions) {
}
