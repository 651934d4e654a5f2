package dev.openiam.policy;

import java.util.List;

/**
 * The answer to one request, as data.
 *
 * @param outcome      allow, explicit deny or implicit deny
 * @param statements   the statements that decided it: the matching {@code Deny} statements for an explicit
 *                     deny, the {@code Allow} statements that together granted access for an allow, empty for
 *                     an implicit deny
 * @param missingAllow for an implicit deny, the policy type that did not allow; otherwise {@code null}
 */
public record Decision(Outcome outcome, List<StatementRef> statements, MissingAllow missingAllow) {

    public Decision {
        statements = List.copyOf(statements);
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
}
