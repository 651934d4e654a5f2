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

    private ArnGlob(Glob[] segments, boolean everything, String source) {
        this.segments = segments;
        this.everything = everything;
        this.source = source;
    }

    public static ArnGlob compile(String text, boolean variables) {
        if (text.equals("*")) {
            return new ArnGlob(new Glob[0], true, text);
        }
        List<Object> tokens = Tokens.tokenize(text, true, variables);
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
        return new ArnGlob(segs.toArray(new Glob[0]), false, text);
    }

    public boolean matchesEverything() {
        return everything;
    }

    public boolean matches(String arn, RequestContext ctx) {
        if (everything) {
            return true;
        }
        int start = 0;
        int last = segments.length - 1;
        for (int i = 0; i < last; i++) {
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
