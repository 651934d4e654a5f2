package dev.openiam.model.rules;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.Tag;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * AWS's input constraints for IAM entities (from the botocore IAM model), with AWS-style messages:
 * {@code 1 validation error detected: Value 'x' at 'userName' failed to satisfy constraint: …}.
 */
public final class Rules {

    public static final String NAME_PATTERN = "[\\w+=,.@-]+";
    public static final String PATH_PATTERN = "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)";
    public static final String PATH_PREFIX_PATTERN = "\\u002F[\\u0021-\\u007F]*";
    /** Paths of managed policies, and the path prefix of ListPolicies (botocore's {@code policyPathType}). */
    public static final String POLICY_PATH_PATTERN = "((/[A-Za-z0-9\\.,\\+@=_-]+)*)/";
    public static final String TAG_KEY_PATTERN = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+";
    public static final String TAG_VALUE_PATTERN = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*";
    public static final String DESCRIPTION_PATTERN = "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*";
    public static final String POLICY_CHARS_PATTERN = "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+";
    public static final int MAX_TAGS = 50;

    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final Pattern PATH = Pattern.compile(PATH_PATTERN);
    private static final Pattern PATH_PREFIX = Pattern.compile(PATH_PREFIX_PATTERN);
    private static final Pattern POLICY_PATH = Pattern.compile(POLICY_PATH_PATTERN);
    private static final Pattern TAG_KEY = Pattern.compile(TAG_KEY_PATTERN);
    private static final Pattern TAG_VALUE = Pattern.compile(TAG_VALUE_PATTERN);
    private static final Pattern DESCRIPTION = Pattern.compile(DESCRIPTION_PATTERN);
    private static final Pattern POLICY_CHARS = Pattern.compile(POLICY_CHARS_PATTERN);
    private static final Pattern PASSWORD = POLICY_CHARS;

    private Rules() {
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new IamException(ErrorCode.VALIDATION_ERROR,
                    "1 validation error detected: Value null at '" + field + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    /** A user, group, role or instance-profile name: {@code [\w+=,.@-]+} of 1 to {@code max} characters. */
    public static String name(String field, String value, int max) {
        required(field, value);
        length(field, value, 1, max);
        pattern(field, value, NAME, NAME_PATTERN);
        return value;
    }

    /** An entity path: {@code /} or {@code /…/}, at most 512 characters; {@code null} means {@code /}. */
    public static String path(String field, String value) {
        if (value == null) {
            return "/";
        }
        length(field, value, 1, 512);
        pattern(field, value, PATH, PATH_PATTERN);
        return value;
    }

    /** A managed policy's path (or ListPolicies' path prefix): {@code /} or {@code /a/b/}; {@code null} means {@code /}. */
    public static String policyPath(String field, String value) {
        if (value == null) {
            return "/";
        }
        length(field, value, 1, 512);
        pattern(field, value, POLICY_PATH, POLICY_PATH_PATTERN);
        return value;
    }

    public static String pathPrefix(String field, String value) {
        if (value == null) {
            return "/";
        }
        length(field, value, 1, 512);
        pattern(field, value, PATH_PREFIX, PATH_PREFIX_PATTERN);
        return value;
    }

    public static String description(String field, String value) {
        if (value == null) {
            return null;
        }
        length(field, value, 0, 1000);
        pattern(field, value, DESCRIPTION, DESCRIPTION_PATTERN);
        return value;
    }

    /** Characters AWS allows in a policy document (TAB, LF, CR, U+0020–U+00FF), at least one. */
    public static String policyCharacters(String field, String value) {
        required(field, value);
        length(field, value, 1, 131072);
        pattern(field, value, POLICY_CHARS, POLICY_CHARS_PATTERN);
        return value;
    }

    public static int range(String field, Integer value, int min, int max, int absent) {
        if (value == null) {
            return absent;
        }
        if (value < min || value > max) {
            throw validation(String.valueOf(value), field, "Member must have value "
                    + (value < min ? "greater than or equal to " + min : "less than or equal to " + max));
        }
        return value;
    }

    /**
     * Validates a list of tags given in one request: each key and value, no key twice (keys are case
     * insensitive in IAM), no {@code aws:} prefix, at most 50.
     */
    public static List<Tag> tags(List<Tag> tags) {
        if (tags == null) {
            return List.of();
        }
        if (tags.size() > MAX_TAGS) {
            throw validation("[" + tags.size() + " tags]", "tags", "Member must have length less than or equal to " + MAX_TAGS);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            Tag tag = tags.get(i);
            if (tag == null) {
                throw validation("null", "tags." + (i + 1), "Member must not be null");
            }
            tagKey("tags." + (i + 1) + ".member.key", tag.key());
            String valueField = "tags." + (i + 1) + ".member.value";
            required(valueField, tag.value());
            length(valueField, tag.value(), 0, 256);
            pattern(valueField, tag.value(), TAG_VALUE, TAG_VALUE_PATTERN);
            if (!seen.add(tag.key().toLowerCase(Locale.ROOT))) {
                throw new IamException(ErrorCode.INVALID_INPUT,
                        "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
        }
        return List.copyOf(tags);
    }

    public static String tagKey(String field, String key) {
        required(field, key);
        length(field, key, 1, 128);
        pattern(field, key, TAG_KEY, TAG_KEY_PATTERN);
        if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            throw new IamException(ErrorCode.INVALID_INPUT, "Tag key `" + key + "` uses the reserved prefix aws:");
        }
        return key;
    }

    /**
     * A password: 1 to 128 characters of TAB, LF, CR and U+0020–U+00FF (botocore's {@code passwordType}). The
     * message never repeats the value, as AWS words errors of sensitive members.
     */
    public static String password(String field, String value) {
        required(field, value);
        int length = value.codePointCount(0, value.length());
        String constraint = length < 1 ? "Member must have length greater than or equal to 1"
                : length > 128 ? "Member must have length less than or equal to 128"
                : PASSWORD.matcher(value).matches() ? null
                : "Member must satisfy regular expression pattern: " + POLICY_CHARS_PATTERN;
        if (constraint != null) {
            throw new IamException(ErrorCode.VALIDATION_ERROR,
                    "1 validation error detected: Value at '" + field + "' failed to satisfy constraint: " + constraint);
        }
        return value;
    }

    /** A value of {@code min} to {@code max} characters matching {@code pattern} (e.g. an MFA serial number). */
    public static String matching(String field, String value, int min, int max, String pattern) {
        required(field, value);
        length(field, value, min, max);
        pattern(field, value, Pattern.compile(pattern), pattern);
        return value;
    }

    public static void length(String field, String value, int min, int max) {
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            throw validation(value, field, "Member must have length greater than or equal to " + min);
        }
        if (length > max) {
            throw validation(value, field, "Member must have length less than or equal to " + max);
        }
    }

    private static void pattern(String field, String value, Pattern pattern, String source) {
        if (!pattern.matcher(value).matches()) {
            throw validation(value, field, "Member must satisfy regular expression pattern: " + source);
        }
    }

    private static IamException validation(String value, String field, String constraint) {
        String shown = value.length() > 128 ? value.substring(0, 128) + "…" : value;
        return new IamException(ErrorCode.VALIDATION_ERROR,
                "1 validation error detected: Value '" + shown + "' at '" + field + "' failed to satisfy constraint: " + constraint);
    }
}
