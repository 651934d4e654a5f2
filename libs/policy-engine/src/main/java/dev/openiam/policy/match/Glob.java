package dev.openiam.policy.match;

import dev.openiam.policy.RequestContext;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled match pattern: literal text, {@code *} (any run of characters), {@code ?} (one character) and
 * policy variables resolved from the request context at match time. Built once; matching uses no regular
 * expressions and allocates nothing. A variable that cannot be resolved (key absent or multivalued, no
 * default) makes the pattern match nothing, as AWS documents.
 */
public final class Glob {

    private static final Object ONE = Tokens.ONE;

    private enum Shape { ANY, EXACT, PREFIX, GENERAL }

    /** Groups between stars; each piece is a String literal, {@link Tokens#ONE} or a {@link Tokens.Var}. */
    private final Object[][] groups;
    private final boolean ignoreCase;
    private final Shape shape;
    private final String literal; // EXACT: the text; PREFIX: the prefix
    private final String source;
    /** When every variable of the pattern is the same one, that variable: resolved once per match. */
    private final Tokens.Var onlyVar;

    private Glob(Object[][] groups, boolean ignoreCase, String source) {
        this.groups = groups;
        this.ignoreCase = ignoreCase;
        this.source = source;
        Tokens.Var only = null;
        boolean mixed = false;
        for (Object[] g : groups) {
            for (Object p : g) {
                if (p instanceof Tokens.Var v) {
                    mixed |= only != null && !only.equals(v);
                    only = v;
                }
            }
        }
        this.onlyVar = mixed ? null : only;
        if (groups.length == 2 && groups[0].length == 0 && groups[1].length == 0) {
            shape = Shape.ANY;
            literal = null;
        } else if (groups.length == 1 && isLiteral(groups[0])) {
            shape = Shape.EXACT;
            literal = groups[0].length == 0 ? "" : (String) groups[0][0];
        } else if (groups.length == 2 && groups[1].length == 0 && isLiteral(groups[0])) {
            shape = Shape.PREFIX;
            literal = groups[0].length == 0 ? "" : (String) groups[0][0];
        } else {
            shape = Shape.GENERAL;
            literal = null;
        }
    }

    private static boolean isLiteral(Object[] group) {
        return group.length == 0 || group.length == 1 && group[0] instanceof String;
    }

    /**
     * @param text       the pattern as written in the policy
     * @param wildcards  whether {@code *} and {@code ?} are wildcards (false for StringEquals and friends)
     * @param variables  whether {@code ${…}} is a policy variable (2012-10-17 documents, Resource and string/ARN
     *                   condition values)
     * @param ignoreCase whether letters match regardless of case
     */
    public static Glob compile(String text, boolean wildcards, boolean variables, boolean ignoreCase) {
        return fromTokens(Tokens.tokenize(text, wildcards, variables), ignoreCase, text);
    }

    static Glob fromTokens(List<Object> tokens, boolean ignoreCase, String source) {
        List<Object[]> groups = new ArrayList<>();
        List<Object> current = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        for (Object t : tokens) {
            if (t instanceof Tokens.Lit l) {
                lit.append(l.c());
                continue;
            }
            if (lit.length() > 0) {
                current.add(lit.toString());
                lit.setLength(0);
            }
            if (t instanceof Tokens.Star) {
                groups.add(current.toArray());
                current.clear();
            } else {
                current.add(t);
            }
        }
        if (lit.length() > 0) {
            current.add(lit.toString());
        }
        groups.add(current.toArray());
        return new Glob(groups.toArray(new Object[0][]), ignoreCase, source);
    }

    /** Whether the pattern is just {@code *}. */
    public boolean matchesEverything() {
        return shape == Shape.ANY;
    }

    /** For a pattern without wildcards or variables, its text; otherwise {@code null}. */
    public String exactText() {
        return shape == Shape.EXACT ? literal : null;
    }

    public boolean matches(String s, RequestContext ctx) {
        return matches(s, 0, s.length(), ctx);
    }

    /** Whether the region {@code [from, to)} of {@code s} matches. */
    public boolean matches(String s, int from, int to, RequestContext ctx) {
        switch (shape) {
            case ANY:
                return true;
            case EXACT:
                if (to - from != literal.length()) {
                    return false;
                }
                return ignoreCase ? s.regionMatches(true, from, literal, 0, literal.length())
                        : from == 0 && to == s.length() ? s.equals(literal) : s.startsWith(literal, from);
            case PREFIX:
                return to - from >= literal.length() && (ignoreCase
                        ? s.regionMatches(true, from, literal, 0, literal.length()) : s.startsWith(literal, from));
            default:
                return general(s, from, to, ctx);
        }
    }

    private boolean general(String s, int from, int to, RequestContext ctx) {
        String known = null;
        if (onlyVar != null) {
            known = resolve(onlyVar, ctx);
            if (known == null) {
                return false;
            }
        }
        int n = groups.length;
        Object[] first = groups[0];
        int len0 = length(first, ctx, known);
        if (len0 < 0 || from + len0 > to || !at(first, s, from, ctx, known)) {
            return false;
        }
        if (n == 1) {
            return from + len0 == to;
        }
        int lo = from + len0;
        Object[] last = groups[n - 1];
        int lenLast = length(last, ctx, known);
        if (lenLast < 0) {
            return false;
        }
        int hi = to - lenLast;
        if (hi < lo || !at(last, s, hi, ctx, known)) {
            return false;
        }
        for (int k = 1; k < n - 1; k++) {
            Object[] g = groups[k];
            int glen = length(g, ctx, known);
            if (glen < 0) {
                return false;
            }
            int p = lo;
            while (p + glen <= hi && !at(g, s, p, ctx, known)) {
                p++;
            }
            if (p + glen > hi) {
                return false;
            }
            lo = p + glen;
        }
        return true;
    }

    /** The number of characters a group spans, or -1 if a variable in it cannot be resolved. */
    private static int length(Object[] group, RequestContext ctx, String known) {
        int len = 0;
        for (Object p : group) {
            if (p instanceof String str) {
                len += str.length();
            } else if (p == ONE) {
                len++;
            } else {
                String v = known != null ? known : resolve((Tokens.Var) p, ctx);
                if (v == null) {
                    return -1;
                }
                len += v.length();
            }
        }
        return len;
    }

    private boolean at(Object[] group, String s, int pos, RequestContext ctx, String known) {
        for (Object p : group) {
            if (p instanceof String str) {
                if (!s.regionMatches(ignoreCase, pos, str, 0, str.length())) {
                    return false;
                }
                pos += str.length();
            } else if (p == ONE) {
                pos++;
            } else {
                String v = known != null ? known : resolve((Tokens.Var) p, ctx);
                if (v == null || !s.regionMatches(ignoreCase, pos, v, 0, v.length())) {
                    return false;
                }
                pos += v.length();
            }
        }
        return true;
    }

    private static String resolve(Tokens.Var var, RequestContext ctx) {
        String v = ctx == null ? null : ctx.single(var.lowerKey());
        return v != null ? v : var.fallback();
    }

    @Override
    public String toString() {
        return source;
    }
}
