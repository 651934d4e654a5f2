package dev.openiam.policy;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Supplier;

/**
 * The answer to one request, as data.
 *
 * @param outcome      allow, explicit deny or implicit deny
 * @param statements   the statements that decided it: the matching {@code Deny} statements for an explicit
 *                     deny, the {@code Allow} statements that together granted access for an allow, empty for
 *                     an implicit deny; unmodifiable, and possibly found only when first read
 * @param missingAllow for an implicit deny, the policy type that did not allow; otherwise {@code null}
 */
public record Decision(Outcome outcome, List<StatementRef> statements, MissingAllow missingAllow) {

    public Decision {
        statements = statements instanceof Deferred ? statements : List.copyOf(statements);
    }

    /**
     * A decision whose statements are found when {@link #statements()} is first read (once, from any thread), so a
     * caller that reads only the outcome does not pay for them; {@code statements} is asked at most once.
     */
    public Decision(Outcome outcome, Supplier<List<StatementRef>> statements, MissingAllow missingAllow) {
        this(outcome, new Deferred(statements), missingAllow);
    }

    public boolean isAllowed() {
        return outcome == Outcome.ALLOW;
    }

    /**
     * AWS's AccessDenied wording, e.g. {@code User: arn:aws:iam::111122223333:user/alice is not authorized to
     * perform: s3:GetObject on resource: arn:aws:s3:::b/k because no identity-based policy allows the
     * s3:GetObject action}.
     */
    public String message(String principal, String action, String resource) {
        String head = "User: " + principal;
        String target = action + " on resource: " + resource;
        return switch (outcome) {
            case ALLOW -> head + " is authorized to perform: " + target;
            case EXPLICIT_DENY -> head + " is not authorized to perform: " + target + " with an explicit deny in "
                    + article(denyPhrase());
            case IMPLICIT_DENY -> head + " is not authorized to perform: " + target + " because no "
                    + missingAllow.phrase() + " allows the " + action + " action";
        };
    }

    private String denyPhrase() {
        PolicyType role = statements.isEmpty() ? PolicyType.IDENTITY : statements.get(0).role();
        return switch (role) {
            case IDENTITY -> MissingAllow.IDENTITY_POLICY.phrase();
            case PERMISSION_BOUNDARY -> MissingAllow.PERMISSIONS_BOUNDARY.phrase();
            case SESSION -> MissingAllow.SESSION_POLICY.phrase();
            case RESOURCE, TRUST -> MissingAllow.RESOURCE_POLICY.phrase();
        };
    }

    private static String article(String phrase) {
        return ("aeiou".indexOf(phrase.charAt(0)) >= 0 ? "an " : "a ") + phrase;
    }

    /** An unmodifiable list computed on first use. */
    private static final class Deferred extends AbstractList<StatementRef> implements RandomAccess {
        private final Supplier<List<StatementRef>> supplier;
        private volatile List<StatementRef> list;

        Deferred(Supplier<List<StatementRef>> supplier) {
            this.supplier = supplier;
        }

        private List<StatementRef> list() {
            List<StatementRef> l = list;
            if (l == null) {
                synchronized (this) {
                    l = list;
                    if (l == null) {
                        l = List.copyOf(supplier.get());
                        list = l;
                    }
                }
            }
            return l;
        }

        @Override
        public StatementRef get(int index) {
            return list().get(index);
        }

        @Override
        public int size() {
            return list().size();
        }

        @Override
        public boolean equals(Object o) {
            return list().equals(o);
        }

        @Override
        public int hashCode() {
            return list().hashCode();
        }

        @Override
        public String toString() {
            return list().toString();
        }
    }
}
