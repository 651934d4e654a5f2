package dev.openiam.policy.lint;

import dev.openiam.policy.Finding;
import dev.openiam.policy.PolicyType;
import dev.openiam.policy.catalog.ActionCatalog;
import dev.openiam.policy.catalog.ConditionKeyPattern;

import java.util.List;
import java.util.Optional;

/**
 * The set qualifiers {@code ForAllValues:} and {@code ForAnyValue:} against the keys they apply to:
 * <ul>
 *   <li>{@code SET_OPERATOR_ON_SINGLE_VALUED_KEY}: a qualifier on a single-valued key, where
 *       {@code ForAllValues} also holds when the key is missing;</li>
 *   <li>{@code MISSING_SET_OPERATOR}: a multi-valued key ({@code aws:TagKeys}) compared without one;</li>
 *   <li>{@code FOR_ALL_VALUES_WITH_ALLOW}: {@code ForAllValues} in an {@code Allow} without a {@code Null}
 *       test of the key: a request without the key is allowed.</li>
 * </ul>
 */
final class SetOperatorCheck implements LintCheck {

    private final ActionCatalog catalog;

    SetOperatorCheck(ActionCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void check(LintDocument document, PolicyType type, List<Finding> findings) {
        for (LintStatement statement : document.statements()) {
            for (LintStatement.ConditionEntry condition : statement.conditions()) {
                if (condition.baseOperator().equals("Null")) {
                    continue;
                }
                Optional<ConditionKeyPattern> key = catalog.conditionKey(condition.key());
                boolean known = key.isPresent() && key.get().type() != null;
                String qualifier = condition.setQualifier();
                if (qualifier.isEmpty()) {
                    if (known && key.get().isMultiValued()) {
                        findings.add(new Finding(Finding.Severity.WARNING, "MISSING_SET_OPERATOR",
                                "the key `" + condition.key() + "` can have several values; use `ForAnyValue:"
                                        + condition.operator() + "` or `ForAllValues:" + condition.operator() + "`",
                                condition.location()));
                    }
                    continue;
                }
                if (known && !key.get().isMultiValued()) {
                    findings.add(new Finding(Finding.Severity.WARNING, "SET_OPERATOR_ON_SINGLE_VALUED_KEY",
                            "the key `" + condition.key() + "` has a single value; use `" + condition.baseOperator()
                                    + (condition.ifExists() ? "IfExists" : "") + "` without `" + qualifier + ":`",
                            condition.location()));
                } else if (qualifier.equals("ForAllValues") && statement.isAllow() && !hasNullTest(statement, condition.key())) {
                    findings.add(new Finding(Finding.Severity.WARNING, "FOR_ALL_VALUES_WITH_ALLOW",
                            "`ForAllValues` also holds when the request has no `" + condition.key()
                                    + "`; add a `Null` condition with `\"" + condition.key() + "\": \"false\"`",
                            condition.location()));
                }
            }
        }
    }

    private static boolean hasNullTest(LintStatement statement, String key) {
        return statement.conditions().stream()
                .anyMatch(c -> c.operator().equals("Null") && c.key().equalsIgnoreCase(key));
    }
}
