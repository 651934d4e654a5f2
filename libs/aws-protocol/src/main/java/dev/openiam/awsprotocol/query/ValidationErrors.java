package dev.openiam.awsprotocol.query;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;

import java.util.List;
import java.util.Locale;

/**
 * {@code ValidationError}s worded as IAM and STS word them, e.g. {@code 1 validation error
 * detected: Value null at 'userName' failed to satisfy constraint: Member must not be null}.
 * Members are named as AWS names them: the parameter with a lower-case first letter, list members
 * as {@code tags.1.member.key}.
 */
public final class ValidationErrors {

    private ValidationErrors() {
    }

    /** One violation: {@code Value 'v' at 'member' failed to satisfy constraint: constraint}; a null value reads {@code null}. */
    public static String violation(Object value, String member, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        return "Value " + shown + " at '" + member + "' failed to satisfy constraint: " + constraint;
    }

    /** A {@code ValidationError} listing every violation, as AWS reports them all at once. */
    public static IamException of(List<String> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("no violations");
        }
        String count = violations.size() == 1 ? "1 validation error detected: "
                : violations.size() + " validation errors detected: ";
        return new IamException(ErrorCode.VALIDATION_ERROR, count + String.join("; ", violations));
    }

    /** A {@code ValidationError} with one violation. */
    public static IamException of(Object value, String member, String constraint) {
        return of(List.of(violation(value, member, constraint)));
    }

    /** A required member that is absent. */
    public static IamException missing(String member) {
        return of(null, member, "Member must not be null");
    }

    /** {@code UserName} → {@code userName}; {@code Tags.member.1.Key} → {@code tags.1.member.key}. */
    public static String memberName(String parameter) {
        String[] parts = parameter.split("\\.");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            // AWS writes list positions before "member": Tags.member.1 → tags.1.member
            if (part.equals("member") && i + 1 < parts.length && isNumber(parts[i + 1])) {
                out.append('.').append(parts[i + 1]).append(".member");
                i++;
                continue;
            }
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(part.isEmpty() ? part : part.substring(0, 1).toLowerCase(Locale.ROOT) + part.substring(1));
        }
        return out.toString();
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}
