package dev.openiam.policy.lint;

import dev.openiam.policy.Finding;
import dev.openiam.policy.PolicyType;
import dev.openiam.policy.catalog.ActionCatalog;
import dev.openiam.policy.catalog.ConditionKeyPattern;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An operator that does not fit the value type of its key ({@code MISMATCHED_CONDITION_TYPE}), such as
 * {@code StringEquals} on {@code aws:SourceIp} or {@code NumericLessThan} on {@code aws:CurrentTime}:
 * the comparison fails or compares text where a number, date or address was meant.
 */
final class ConditionTypeCheck implements LintCheck {

    // operator family -> the types whose values it compares correctly
    private static final Map<String, Set<String>> FITTING_TYPES = Map.of(
            "String", Set.of("String", "ARN", "ArrayOfString", "ArrayOfARN"),
            "Numeric", Set.of("Numeric", "ArrayOfNumeric"),
            "Date", Set.of("Date", "ArrayOfDate"),
            "Bool", Set.of("Bool", "ArrayOfBool"),
            "IpAddress", Set.of("IPAddress", "ArrayOfIPAddress"),
            "Arn", Set.of("ARN", "ArrayOfARN", "String", "ArrayOfString"));

    private static final Map<String, String> SUGGESTED_FAMILY = Map.of(
            "String", "String", "ARN", "Arn", "Numeric", "Numeric", "Date", "Date", "Bool", "Bool",
            "IPAddress", "IpAddress");

    private final ActionCatalog catalog;

    ConditionTypeCheck(ActionCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void check(LintDocument document, PolicyType type, List<Finding> findings) {
        for (LintStatement statement : document.statements()) {
            for (LintStatement.ConditionEntry condition : statement.conditions()) {
                String family = family(condition.baseOperator());
                if (family == null) {
                    continue;
                }
                Optional<ConditionKeyPattern> key = catalog.conditionKey(condition.key());
                String keyType = key.map(ConditionKeyPattern::type).orElse(null);
                if (keyType == null || FITTING_TYPES.get(family).contains(keyType)
                        || isEpochTimeWithNumbers(condition.key(), family)) {
                    continue;
                }
                String elementType = keyType.startsWith("ArrayOf") ? keyType.substring("ArrayOf".length()) : keyType;
                String suggestion = SUGGESTED_FAMILY.get(elementType);
                findings.add(new Finding(Finding.Severity.WARNING, "MISMATCHED_CONDITION_TYPE",
                        "the operator `" + condition.operator() + "` does not fit the key `" + condition.key()
                                + "`, whose values are of type `" + keyType + "`"
                                + (suggestion == null ? "" : "; use one of the `" + suggestion + "…` operators"),
                        condition.location()));
            }
        }
    }

    private static String family(String baseOperator) {
        for (String family : FITTING_TYPES.keySet()) {
            if (baseOperator.startsWith(family) || baseOperator.equals("Not" + family)) {
                return family;
            }
        }
        return baseOperator.equals("NotIpAddress") ? "IpAddress" : null;
    }

    // AWS documents aws:EpochTime for both date and numeric operators
    private static boolean isEpochTimeWithNumbers(String key, String family) {
        return key.equalsIgnoreCase("aws:EpochTime") && family.equals("Numeric");
    }
}
