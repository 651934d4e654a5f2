package dev.openiam.policy.lint;

import dev.openiam.policy.Finding;
import dev.openiam.policy.PolicyType;

import java.util.List;

/**
 * {@code Allow} with {@code NotAction}, {@code NotResource} or {@code NotPrincipal}: the statement
 * grants everything not listed — also what services and accounts add later — so it usually grants far
 * more than meant. As a {@code Deny} the same elements are a sound idiom and not reported.
 */
final class AllowWithNotElementCheck implements LintCheck {

    @Override
    public void check(LintDocument document, PolicyType type, List<Finding> findings) {
        for (LintStatement statement : document.statements()) {
            if (!statement.isAllow()) {
                continue;
            }
            if (statement.actions().negated()) {
                findings.add(new Finding(Finding.Severity.WARNING, "ALLOW_WITH_NOT_ACTION",
                        "`Allow` with `NotAction` grants every action not listed, including actions services add later; "
                                + "list the actions to allow instead",
                        statement.location() + ".NotAction"));
            }
            if (statement.resources().negated()) {
                findings.add(new Finding(Finding.Severity.WARNING, "ALLOW_WITH_NOT_RESOURCE",
                        "`Allow` with `NotResource` grants access to every resource not listed, including resources "
                                + "created later; list the resources to allow instead",
                        statement.location() + ".NotResource"));
            }
            if ("NotPrincipal".equals(statement.principalField())) {
                findings.add(new Finding(Finding.Severity.WARNING, "ALLOW_WITH_NOT_PRINCIPAL",
                        "`Allow` with `NotPrincipal` grants access to every principal not listed, anonymous users "
                                + "included; name the principals to allow instead",
                        statement.location() + ".NotPrincipal"));
            }
        }
    }
}
