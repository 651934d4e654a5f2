package dev.openiam.policy.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openiam.policy.Finding;
import dev.openiam.policy.PolicyType;
import dev.openiam.policy.catalog.ActionCatalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Access-Analyzer-style warnings on a document that already passed the grammar checks:
 * unknown services and actions, condition keys not valid for an action, risky grants.
 *
 * <p>Codes (stable): {@code UNKNOWN_SERVICE}, {@code UNKNOWN_ACTION}, {@code UNMATCHED_ACTION_PATTERN},
 * {@code UNKNOWN_CONDITION_KEY}, {@code CONDITION_KEY_NOT_SUPPORTED}, {@code MISMATCHED_CONDITION_TYPE},
 * {@code MISSING_SET_OPERATOR}, {@code SET_OPERATOR_ON_SINGLE_VALUED_KEY}, {@code FOR_ALL_VALUES_WITH_ALLOW},
 * {@code UNSUPPORTED_RESOURCE}, {@code ACTION_MATCHES_NO_RESOURCE}, {@code PASS_ROLE_WITH_STAR_RESOURCE},
 * {@code ALLOW_WITH_NOT_ACTION}, {@code ALLOW_WITH_NOT_RESOURCE}, {@code ALLOW_WITH_NOT_PRINCIPAL}, {@code STATEMENT_SHADOWED_BY_DENY}, {@code REDUNDANT_STATEMENT},
 * {@code REDUNDANT_ACTION}, {@code REDUNDANT_RESOURCE}, {@code MISSING_VERSION},
 * {@code POLICY_VARIABLE_IN_OLD_VERSION}. Locations are written as the grammar checks write them,
 * e.g. {@code Statement[1].Action[0]} or {@code Statement[0].Condition.StringLike.s3:prefix}; messages name a
 * statement by its Sid when it has one.
 */
public final class PolicyLinter {

    private PolicyLinter() {
    }

    /** Warnings and suggestions for {@code document}; never errors, never throws. */
    public static List<Finding> lint(JsonNode document, PolicyType type) {
        return lint(document, type, Checks.ALL);
    }

    private static final class Checks {
        static final List<LintCheck> ALL = load();

        private static List<LintCheck> load() {
            try {
                return checks(ActionCatalog.bundled());
            } catch (RuntimeException | Error e) {
                // without the catalog (a broken build), the checks that need none still run
                return List.of(new PolicyVersionCheck(), new RedundantEntryCheck(), new AllowWithNotElementCheck(),
                        new PassRoleCheck());
            }
        }
    }

    static List<LintCheck> checks(ActionCatalog catalog) {
        return List.of(
                new PolicyVersionCheck(),
                new UnknownActionCheck(catalog),
                new RedundantEntryCheck(),
                new AllowWithNotElementCheck(),
                new PassRoleCheck(),
                new ConditionKeyCheck(catalog),
                new ConditionTypeCheck(catalog),
                new SetOperatorCheck(catalog),
                new ResourceTypeCheck(catalog),
                new RedundantStatementCheck(catalog));
    }

    static List<Finding> lint(JsonNode document, PolicyType type, List<LintCheck> checks) {
        List<Finding> findings = new ArrayList<>();
        if (document == null || !document.isObject()) {
            return findings;
        }
        LintDocument lintDocument;
        try {
            lintDocument = LintDocument.of(document);
        } catch (RuntimeException e) {
            return findings; // a shape the grammar checks report; lint has nothing to add
        }
        for (LintCheck check : checks) {
            List<Finding> found = new ArrayList<>();
            try {
                check.check(lintDocument, type, found);
                findings.addAll(found);
            } catch (RuntimeException e) {
                // a check tripping over an odd document must not hide the other checks' findings
            }
        }
        findings.sort(Comparator.comparingInt(PolicyLinter::statementIndex)); // stable: check order within a statement
        return findings;
    }

    // -1 for document-level locations such as `Version`
    private static int statementIndex(Finding finding) {
        String location = finding.location();
        if (location == null || !location.startsWith("Statement[")) {
            return -1;
        }
        int end = location.indexOf(']');
        try {
            return Integer.parseInt(location.substring("Statement[".length(), end));
        } catch (RuntimeException e) {
            return Integer.MAX_VALUE;
        }
    }
}
