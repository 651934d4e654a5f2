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

    /**
     * Whether some string matches both patterns ({@code *} and {@code ?} in either). Quadratic in the
     * lengths; meant for ARNs, not for long texts.
     */
    public static boolean overlap(String a, String b) {
        // reachable[i][j]: some string takes a[..i) and b[..j) to the same point
        boolean[][] reachable = new boolean[a.length() + 1][b.length() + 1];
        reachable[0][0] = true;
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (!reachable[i][j]) {
                    continue;
                }
                char ca = i < a.length() ? a.charAt(i) : 0;
                char cb = j < b.length() ? b.charAt(j) : 0;
                if (i < a.length() && ca == '*') {
                    reachable[i + 1][j] = true; // a's star takes nothing more
                }
                if (j < b.length() && cb == '*') {
                    reachable[i][j + 1] = true;
                }
                if (i < a.length() && j < b.length()) {
                    if (ca == '*' && cb == '*') {
                        reachable[i + 1][j + 1] = true;
                    }
                    if (ca == '*' && cb != '*') {
                        reachable[i][j + 1] = true; // a's star takes b's next character
                    }
                    if (cb == '*' && ca != '*') {
                        reachable[i + 1][j] = true;
                    }
                    if (ca != '*' && cb != '*' && (ca == cb || ca == '?' || cb == '?')) {
                        reachable[i + 1][j + 1] = true;
                    }
                }
            }
        }
        return reachable[a.length()][b.length()];
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
