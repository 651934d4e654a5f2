package dev.openiam.policy.match;

import dev.openiam.policy.RequestContext;

import java.util.ArrayList;
import java.util.List;

/**
 * An ARN pattern matched segment by segment, as the {@code Arn*} condition operators and the {@code Resource}
 * element do: the six colon-separated parts ({@code arn:partition:service:region:account:resource}) are
 * matched separately, so a wildcard never spans a colon except in the last part, which takes the rest of the
 * ARN. A pattern with fewer parts matches its last part against the rest of the ARN. Case-sensitive.
 */
public final class ArnGlob {

    private final Glob[] segments;
    private final boolean everything;
    private final String source;
    /** The literal leading segments joined with their colons ({@code arn:aws:s3:}), checked in one comparison. */
    private final String prefix;
    /** The first segment not covered by {@link #prefix}; {@code segments.length} when all are literal. */
    private final int first;
    /** The literal text every matching ARN starts with: the pattern up to its first wildcard or variable. */
    private final String literalPrefix;
    /** Whether {@code ${…}} was read as a policy variable. */
    private final boolean variables;

    private ArnGlob(Glob[] segments, boolean everything, String source, String literalPrefix, boolean variables) {
        this.segments = segments;
        this.literalPrefix = literalPrefix;
        this.variables = variables;
        this.everything = everything;
        this.source = source;
        int k = 0;
        StringBuilder p = new StringBuilder();
        while (k < segments.length && segments[k].exactText() != null) {
            p.append(segments[k].exactText());
            k++;
            if (k < segments.length) {
                p.append(':');
            }
        }
        this.first = k;
        this.prefix = p.toString();
    }

    public static ArnGlob compile(String text, boolean variables) {
        if (text.equals("*")) {
            return new ArnGlob(new Glob[0], true, text, "", variables);
        }
        List<Object> tokens = Tokens.tokenize(text, true, variables);
        StringBuilder literal = new StringBuilder();
        for (Object t : tokens) {
            if (!(t instanceof Tokens.Lit l)) {
                break;
            }
            literal.append(l.c());
        }
        List<Glob> segs = new ArrayList<>(6);
        List<Object> current = new ArrayList<>();
        for (Object t : tokens) {
            if (segs.size() < 5 && t instanceof Tokens.Lit l && l.c() == ':' && l.splits()) {
                segs.add(Glob.fromTokens(current, false, text));
                current = new ArrayList<>();
            } else {
                current.add(t);
            }
        }
        segs.add(Glob.fromTokens(current, false, text));
        return new ArnGlob(segs.toArray(new Glob[0]), false, text, literal.toString(), variables);
    }

    /**
     * The text every ARN this pattern matches starts with, compared case-sensitively: the pattern up to its first
     * {@code *}, {@code ?} or policy variable (escaped characters included); empty for {@code *}.
     */
    public String literalPrefix() {
        return literalPrefix;
    }

    /** Equal for patterns that match the same ARNs in every request: the text and whether it has variables. */
    public String identity() {
        return (variables ? "v:" : "l:") + source;
    }

    /**
     * The service segment when it is literal text and a full segment (the pattern has at least four), so that
     * only ARNs of that service can match; otherwise {@code null}.
     */
    public String literalService() {
        return everything || segments.length < 4 ? null : segments[2].exactText();
    }

    public boolean matchesEverything() {
        return everything;
    }

    public boolean matches(String arn, RequestContext ctx) {
        if (everything) {
            return true;
        }
        if (first == segments.length) {
            return arn.equals(prefix); // a literal ARN
        }
        if (!arn.startsWith(prefix)) {
            return false;
        }
        int start = prefix.length();
        int last = segments.length - 1;
        for (int i = first; i < last; i++) {
            int end = arn.indexOf(':', start);
            if (end < 0 || !segments[i].matches(arn, start, end, ctx)) {
                return false;
            }
            start = end + 1;
        }
        return segments[last].matches(arn, start, arn.length(), ctx);
    }

    @Override
    public String toString() {
        return source;
    }
}
