package dev.openiam.policy.lint;

import dev.openiam.policy.Finding;
import dev.openiam.policy.PolicyType;
import dev.openiam.policy.catalog.Wildcards;

import java.util.List;
import java.util.Locale;

/**
 * {@code iam:PassRole} allowed on {@code "Resource": "*"} (also through {@code iam:*}, {@code *} or a
 * {@code NotAction} that leaves it in): the principal can hand any role, an administrator's included,
 * to any service — a privilege escalation. The role ARNs should be named, ideally with an
 * {@code iam:PassedToService} condition.
 */
final class PassRoleCheck implements LintCheck {

    private static final String PASS_ROLE = "iam:passrole";

    @Override
    public void check(LintDocument document, PolicyType type, List<Finding> findings) {
        for (LintStatement statement : document.statements()) {
            if (!statement.isAllow() || !grantsPassRole(statement) || statement.resources().negated()) {
                continue;
            }
            for (LintStatement.Entry resource : statement.resources().entries()) {
                if (resource.value().equals("*")) {
                    findings.add(new Finding(Finding.Severity.WARNING, "PASS_ROLE_WITH_STAR_RESOURCE",
                            "`iam:PassRole` with `\"Resource\": \"*\"` lets the principal pass any role to any service; "
                                    + "name the roles and add an `iam:PassedToService` condition",
                            resource.location()));
                }
            }
        }
    }

    private static boolean grantsPassRole(LintStatement statement) {
        boolean listed = statement.actions().values().stream()
                .anyMatch(a -> Wildcards.matches(a.toLowerCase(Locale.ROOT), PASS_ROLE));
        return statement.actions().present() && listed != statement.actions().negated();
    }
}
