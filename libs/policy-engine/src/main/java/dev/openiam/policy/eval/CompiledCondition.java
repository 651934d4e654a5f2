package dev.openiam.policy.eval;

import dev.openiam.policy.RequestContext;
import dev.openiam.policy.condition.BaseOperator;
import dev.openiam.policy.condition.IpRange;
import dev.openiam.policy.condition.OperatorName;
import dev.openiam.policy.condition.Values;
import dev.openiam.policy.match.ArnGlob;
import dev.openiam.policy.match.Glob;
import dev.openiam.policy.model.ConditionEntry;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One operator applied to one key, with its values read once. {@link #test} follows AWS's documented rules:
 * values are OR-ed; a negated operator is true when no value matches; a missing key makes a condition false,
 * except for negated operators, {@code …IfExists} and {@code ForAllValues} (true) and {@code Null}.
 */
final class CompiledCondition {

    private final String lowerKey;
    private final BaseOperator op;
    private final OperatorName.Qualifier qualifier;
    private final boolean ifExists;
    private final Glob[] globs;
    private final ArnGlob[] arns;
    private final BigDecimal[] numbers;
    private final long[] dates;
    private final byte[][] binaries;
    private final IpRange[] ranges;
    private final boolean[] bools;
    /** Equal for conditions that decide every request alike: operator, key, values and variable syntax. */
    final String identity;

    CompiledCondition(ConditionEntry entry, boolean variables) {
        OperatorName name = OperatorName.parse(entry.operator());
        if (name == null) {
            throw new IllegalArgumentException("unknown operator " + entry.operator());
        }
        this.lowerKey = entry.key().toLowerCase(Locale.ROOT);
        this.op = name.base();
        this.qualifier = name.qualifier();
        this.ifExists = name.ifExists();
        List<String> vs = entry.values();
        this.identity = String.join("\u0000", entry.operator(), lowerKey, String.valueOf(variables),
                String.join("\u0000", vs));
        int n = vs.size();
        Glob[] g = null;
        ArnGlob[] a = null;
        BigDecimal[] num = null;
        long[] d = null;
        byte[][] bin = null;
        IpRange[] ip = null;
        boolean[] b = null;
        boolean vars = variables && op.takesVariables();
        switch (op.family()) {
            case STRING -> {
                g = new Glob[n];
                boolean like = op == BaseOperator.STRING_LIKE || op == BaseOperator.STRING_NOT_LIKE;
                boolean ic = op == BaseOperator.STRING_EQUALS_IGNORE_CASE
                        || op == BaseOperator.STRING_NOT_EQUALS_IGNORE_CASE;
                for (int i = 0; i < n; i++) {
                    g[i] = Glob.compile(vs.get(i), like, vars, ic);
                }
            }
            case ARN -> {
                a = new ArnGlob[n];
                for (int i = 0; i < n; i++) {
                    a[i] = ArnGlob.compile(vs.get(i), vars);
                }
            }
            case NUMERIC -> {
                num = new BigDecimal[n];
                for (int i = 0; i < n; i++) {
                    num[i] = require(Values.parseNumber(vs.get(i)), vs.get(i));
                }
            }
            case DATE -> {
                d = new long[n];
                for (int i = 0; i < n; i++) {
                    d[i] = Values.parseDate(vs.get(i));
                    if (d[i] == Values.NOT_A_DATE) {
                        throw new IllegalArgumentException("not a date: " + vs.get(i));
                    }
                }
            }
            case BOOL, NULL -> {
                b = new boolean[n];
                for (int i = 0; i < n; i++) {
                    b[i] = require(Values.parseBool(vs.get(i)), vs.get(i));
                }
            }
            case BINARY -> {
                bin = new byte[n][];
                for (int i = 0; i < n; i++) {
                    bin[i] = require(Values.parseBase64(vs.get(i)), vs.get(i));
                }
            }
            case IP -> {
                ip = new IpRange[n];
                for (int i = 0; i < n; i++) {
                    ip[i] = require(IpRange.parse(vs.get(i)), vs.get(i));
                }
            }
            default -> throw new IllegalStateException();
        }
        this.globs = g;
        this.arns = a;
        this.numbers = num;
        this.dates = d;
        this.binaries = bin;
        this.ranges = ip;
        this.bools = b;
    }

    private static <T> T require(T value, String text) {
        if (value == null) {
            throw new IllegalArgumentException("invalid condition value " + text);
        }
        return value;
    }

    boolean test(RequestContext ctx) {
        String[] rv = ctx.lookupLower(lowerKey);
        boolean present = rv != null && rv.length > 0;
        if (op == BaseOperator.NULL) {
            for (boolean wantsAbsent : bools) {
                if (wantsAbsent != present) {
                    return true;
                }
            }
            return false;
        }
        if (!present) {
            if (ifExists || qualifier == OperatorName.Qualifier.FOR_ALL_VALUES) {
                return true;
            }
            if (qualifier == OperatorName.Qualifier.FOR_ANY_VALUE) {
                return false;
            }
            return op.negated();
        }
        boolean negated = op.negated();
        if (qualifier == OperatorName.Qualifier.FOR_ALL_VALUES) {
            for (int i = 0; i < rv.length; i++) {
                if (positive(rv, i, ctx) == negated) {
                    return false;
                }
            }
            return true;
        }
        if (qualifier == OperatorName.Qualifier.FOR_ANY_VALUE) {
            for (int i = 0; i < rv.length; i++) {
                if (positive(rv, i, ctx) != negated) {
                    return true;
                }
            }
            return false;
        }
        // no qualifier: a positive operator matches if any request value does; a negated one if none does
        for (int i = 0; i < rv.length; i++) {
            if (positive(rv, i, ctx)) {
                return !negated;
            }
        }
        return negated;
    }

    /** Whether request value {@code i} matches any policy value under the operator's positive sense. */
    private boolean positive(String[] rv, int i, RequestContext ctx) {
        String r = rv[i];
        switch (op.family()) {
            case STRING: {
                for (Glob g : globs) {
                    if (g.matches(r, ctx)) {
                        return true;
                    }
                }
                return false;
            }
            case ARN: {
                for (ArnGlob a : arns) {
                    if (a.matches(r, ctx)) {
                        return true;
                    }
                }
                return false;
            }
            case NUMERIC: {
                BigDecimal x = ctx.numbersLower(lowerKey)[i];
                if (x == null) {
                    return false;
                }
                for (BigDecimal v : numbers) {
                    if (compare(x.compareTo(v))) {
                        return true;
                    }
                }
                return false;
            }
            case DATE: {
                long x = ctx.datesLower(lowerKey)[i];
                if (x == Values.NOT_A_DATE) {
                    return false;
                }
                for (long v : dates) {
                    if (compare(Long.compare(x, v))) {
                        return true;
                    }
                }
                return false;
            }
            case BOOL: {
                Boolean x = Values.parseBool(r);
                if (x == null) {
                    return false;
                }
                for (boolean v : bools) {
                    if (v == x) {
                        return true;
                    }
                }
                return false;
            }
            case BINARY: {
                byte[] x = Values.parseBase64(r);
                if (x == null) {
                    return false;
                }
                for (byte[] v : binaries) {
                    if (Arrays.equals(x, v)) {
                        return true;
                    }
                }
                return false;
            }
            case IP: {
                byte[] x = ctx.addressesLower(lowerKey)[i];
                if (x == null) {
                    return false;
                }
                for (IpRange v : ranges) {
                    if (v.contains(x)) {
                        return true;
                    }
                }
                return false;
            }
            default:
                return false;
        }
    }

    /** The positive sense of a numeric or date operator, given request-versus-policy comparison {@code c}. */
    private boolean compare(int c) {
        switch (op) {
            case NUMERIC_EQUALS, NUMERIC_NOT_EQUALS, DATE_EQUALS, DATE_NOT_EQUALS:
                return c == 0;
            case NUMERIC_LESS_THAN, DATE_LESS_THAN:
                return c < 0;
            case NUMERIC_LESS_THAN_EQUALS, DATE_LESS_THAN_EQUALS:
                return c <= 0;
            case NUMERIC_GREATER_THAN, DATE_GREATER_THAN:
                return c > 0;
            case NUMERIC_GREATER_THAN_EQUALS, DATE_GREATER_THAN_EQUALS:
                return c >= 0;
            default:
                return false;
        }
    }
}
