package dev.openiam.policy.model;

import java.util.List;

/**
 * One key of one condition operator: {@code "StringEquals": {"aws:username": ["a", "b"]}} gives
 * operator {@code StringEquals}, key {@code aws:username}, values {@code [a, b]}.
 *
 * @param operator the operator as written, with any {@code ForAllValues:}/{@code ForAnyValue:} prefix
 * @param key      the condition key as written
 * @param values   the values as text (numbers and booleans in their JSON spelling)
 */
public record ConditionEntry(String operator, String key, List<String> values) {

    public ConditionEntry {
        values = List.copyOf(values);
    }
}
