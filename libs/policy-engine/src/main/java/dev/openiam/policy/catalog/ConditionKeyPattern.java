package dev.openiam.policy.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A condition key as the service authorization reference writes it, e.g. {@code s3:prefix},
 * {@code aws:RequestTag/${TagKey}}, {@code s3:ExistingObjectTag/<key>} or
 * {@code codebuild:secondarySources/${sourceIdentifier}.location}. Each variable part matches one or
 * more characters; the rest matches case-insensitively.
 *
 */
public final class ConditionKeyPattern {

    private final String template;
    private final String type;
    private final List<String> parts;

    /**
     * @param template the key as AWS spells it
     * @param type     the value type the reference gives ({@code String}, {@code ARN}, {@code Bool},
     *                 {@code Date}, {@code Numeric}, {@code IPAddress}, {@code ArrayOfString}, …), or
     *                 {@code null} when unknown
     */
    public ConditionKeyPattern(String template, String type) {
        this.template = template;
        this.type = type;
        this.parts = literalParts(template);
    }

    /** The key as AWS spells it. */
    public String template() {
        return template;
    }

    /** The value type, or {@code null} when the reference does not give one. */
    public String type() {
        return type;
    }

    @Override
    public String toString() {
        return template;
    }

    /** Whether {@code key}, as written in a policy's {@code Condition}, is an instance of this template. */
    public boolean matches(String key) {
        return matchParts(parts, key.toLowerCase(Locale.ROOT));
    }

    /** Whether the template has a variable part, such as a tag key. */
    public boolean hasVariable() {
        return parts.size() > 1;
    }

    /** Whether the value type is multi-valued ({@code ArrayOf…}). */
    public boolean isMultiValued() {
        return type != null && type.startsWith("ArrayOf");
    }

    // Literal text between variables, lower-cased; n variables give n + 1 parts.
    private static List<String> literalParts(String template) {
        List<String> parts = new ArrayList<>(2);
        String t = template.toLowerCase(Locale.ROOT);
        int start = 0;
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            int end = c == '$' && i + 1 < t.length() && t.charAt(i + 1) == '{' ? t.indexOf('}', i)
                    : c == '<' ? t.indexOf('>', i) : -1;
            if (end > 0) {
                parts.add(t.substring(start, i));
                start = end + 1;
                i = end + 1;
            } else {
                i++;
            }
        }
        parts.add(t.substring(start));
        return List.copyOf(parts);
    }

    private static boolean matchParts(List<String> parts, String key) {
        if (parts.size() == 1) {
            return parts.get(0).equals(key);
        }
        String first = parts.get(0);
        String last = parts.get(parts.size() - 1);
        if (!key.startsWith(first) || !key.endsWith(last) || key.length() < first.length() + last.length()) {
            return false;
        }
        int pos = first.length();
        int limit = key.length() - last.length();
        for (int i = 1; i < parts.size() - 1; i++) {
            // each variable takes at least one character before the next literal
            int found = key.indexOf(parts.get(i), pos + 1);
            if (found < 0 || found + parts.get(i).length() > limit) {
                return false;
            }
            pos = found + parts.get(i).length();
        }
        return limit > pos;
    }
}
