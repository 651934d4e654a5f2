package dev.openiam.policy.catalog;

/**
 * The {@code *} (any sequence, also empty) and {@code ?} (one character) wildcards of the IAM policy
 * language, for the catalog and the linter. Callers lower-case both sides for case-insensitive uses.
 */
public final class Wildcards {

    private Wildcards() {
    }

    /** Whether {@code pattern} contains {@code *} or {@code ?}. */
    public static boolean hasWildcard(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    /** Whether {@code value}, taken literally, matches {@code pattern}. */
    public static boolean matches(String pattern, String value) {
        return match(pattern, value, false);
    }

    /**
     * Whether every string {@code specific} matches is also matched by {@code general}. Sound but not
     * complete: {@code true} is always right; some inclusions that need reasoning across several
     * wildcards are answered {@code false}.
     */
    public static boolean covers(String general, String specific) {
        return match(general, specific, true);
    }

    // Greedy matching with one backtracking point, linear in practice. When the value is itself a
    // pattern, its `*` can only be consumed by a `*` of the pattern and its `?` by `?` or `*`.
    private static boolean match(String pattern, String value, boolean valueIsPattern) {
        int p = 0;
        int v = 0;
        int starP = -1;
        int starV = -1;
        while (v < value.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starV = v;
            } else if (p < pattern.length() && singleMatches(pattern.charAt(p), value.charAt(v), valueIsPattern)) {
                p++;
                v++;
            } else if (starP >= 0) {
                p = starP + 1;
                v = ++starV;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static boolean singleMatches(char p, char v, boolean valueIsPattern) {
        if (valueIsPattern && (v == '*' || v == '?')) {
            return p == '?' && v == '?';
        }
        return p == '?' || p == v;
    }
}
