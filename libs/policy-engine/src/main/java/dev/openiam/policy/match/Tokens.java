package dev.openiam.policy.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits policy text into literal characters, {@code *}/{@code ?} wildcards and policy variables
 * ({@code ${aws:username}}, {@code ${aws:username, 'anonymous'}}); {@code ${*}}, {@code ${?}} and {@code ${$}}
 * stand for the literal characters. Text that only looks like a variable (no closing brace, bad default) stays
 * literal.
 */
final class Tokens {

    /** A literal character; {@code splits} is false for characters produced by an escape. */
    record Lit(char c, boolean splits) {
    }

    record Star() {
    }

    record One() {
    }

    /** A variable; {@code lowerKey} is the lowercased context key, {@code fallback} its default or null. */
    record Var(String lowerKey, String fallback) {
    }

    static final Star STAR = new Star();
    static final One ONE = new One();

    private Tokens() {
    }

    static List<Object> tokenize(String text, boolean wildcards, boolean variables) {
        List<Object> out = new ArrayList<>(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (variables && c == '$' && i + 1 < n && text.charAt(i + 1) == '{') {
                int end = closingBrace(text, i + 2);
                if (end > 0) {
                    Object v = variable(text.substring(i + 2, end));
                    if (v != null) {
                        out.add(v);
                        i = end + 1;
                        continue;
                    }
                }
            }
            if (wildcards && c == '*') {
                out.add(STAR);
            } else if (wildcards && c == '?') {
                out.add(ONE);
            } else {
                out.add(new Lit(c, true));
            }
            i++;
        }
        return out;
    }

    /** The index of the '}' closing a variable whose body starts at {@code from}, honouring quoted defaults. */
    private static int closingBrace(String text, int from) {
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted; // '' inside a default toggles twice: still quoted
            } else if (c == '}' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static Object variable(String body) {
        switch (body) {
            case "*":
                return new Lit('*', false);
            case "?":
                return new Lit('?', false);
            case "$":
                return new Lit('$', false);
            default:
                break;
        }
        int comma = body.indexOf(',');
        String key = (comma < 0 ? body : body.substring(0, comma)).trim();
        if (key.isEmpty() || key.chars().anyMatch(ch -> ch == ' ' || ch == '\t' || ch == '\'' || ch == '$')) {
            return null;
        }
        String fallback = null;
        if (comma >= 0) {
            String d = body.substring(comma + 1).trim();
            if (d.length() < 2 || d.charAt(0) != '\'' || d.charAt(d.length() - 1) != '\'') {
                return null;
            }
            String inner = d.substring(1, d.length() - 1);
            StringBuilder sb = new StringBuilder(inner.length());
            for (int k = 0; k < inner.length(); k++) {
                char ch = inner.charAt(k);
                if (ch == '\'') {
                    if (k + 1 < inner.length() && inner.charAt(k + 1) == '\'') {
                        k++;
                    } else {
                        return null; // a lone quote inside the default
                    }
                }
                sb.append(ch);
            }
            fallback = sb.toString();
        }
        return new Var(key.toLowerCase(Locale.ROOT), fallback);
    }
}
