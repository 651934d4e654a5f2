package dev.openiam.policy.lint;

import dev.openiam.policy.Finding;
import dev.openiam.policy.PolicyType;
import dev.openiam.policy.catalog.ActionCatalog;

import java.util.List;

/**
 * Statements that cannot change a decision:
 * <ul>
 *   <li>{@code STATEMENT_SHADOWED_BY_DENY}: an {@code Allow} whose every action and resource an
 *       unconditional {@code Deny} of the same document denies — it never grants anything;</li>
 *   <li>{@code REDUNDANT_STATEMENT}: a statement whose scope another unconditional statement of the same
 *       effect already includes (of two identical statements, the later is reported).</li>
 * </ul>
 */
final class RedundantStatementCheck implements LintCheck {

    private final ActionCatalog catalog;

    RedundantStatementCheck(ActionCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void check(LintDocument document, PolicyType type, List<Finding> findings) {
        StatementCoverage coverage = new StatementCoverage(catalog);
        List<LintStatement> statements = document.statements();
        for (LintStatement narrow : statements) {
            Finding finding = shadowed(narrow, statements, coverage);
            if (finding == null) {
                finding = redundant(narrow, statements, coverage);
            }
            if (finding != null) {
                findings.add(finding);
            }
        }
    }

    private static Finding shadowed(LintStatement allow, List<LintStatement> statements, StatementCoverage coverage) {
        if (!allow.isAllow()) {
            return null;
        }
        for (LintStatement deny : statements) {
            if (deny.isDeny() && !deny.hasCondition() && coverage.covers(deny, allow)) {
                return new Finding(Finding.Severity.WARNING, "STATEMENT_SHADOWED_BY_DENY",
                        "statement " + allow.displayName() + " never allows anything: statement " + deny.displayName()
                                + " denies all of it without condition",
                        allow.location());
            }
        }
        return null;
    }

    private static Finding redundant(LintStatement narrow, List<LintStatement> statements, StatementCoverage coverage) {
        if (!narrow.isAllow() && !narrow.isDeny()) {
            return null;
        }
        for (LintStatement wide : statements) {
            if (wide == narrow || !wide.effect().equals(narrow.effect()) || wide.hasCondition()
                    || !coverage.covers(wide, narrow)) {
                continue;
            }
            boolean equivalent = !narrow.hasCondition() && coverage.covers(narrow, wide);
            if (equivalent && narrow.index() < wide.index()) {
                continue; // the later of two equivalent statements is the one to remove
            }
            return new Finding(Finding.Severity.SUGGESTION, "REDUNDANT_STATEMENT",
                    "statement " + narrow.displayName() + " is redundant: statement " + wide.displayName()
                            + (narrow.isAllow() ? " allows" : " denies") + " all of it without condition",
                    narrow.location());
        }
        return null;
    }
}
