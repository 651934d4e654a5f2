package dev.openiam.internalauth;

import java.util.Locale;

/**
 * What a service-to-service token may be used for (its {@code pur} claim, lower case). A receiver names the one
 * purpose each endpoint accepts, so a token minted for one kind of call cannot be spent on another.
 */
public enum Purpose {
    /** identity-service forwards an IAM action it authorized to the service that owns it ({@code act} names it). */
    FORWARD,
    /** a service asks the decision point for a decision. */
    DECIDE,
    /** a service asks identity-service who signed a SigV4 request it received. */
    AUTHENTICATE,
    /** a projecting service reads an account's principals from identity-service. */
    SNAPSHOT,
    /** the console (or sts-service) checks a console password with identity-service. */
    SIGN_IN,
    /** a service (sts-service's GetSessionToken, the console's sign-in) asks identity-service to check a TOTP code. */
    VERIFY_MFA,
    /** sts-service reads the role a session is asked for (its trust policy, maximum session duration, tags). */
    ROLE_LOOKUP,
    /** a front door that decides for callers it does not write for (sts-service) reads an account's revisions. */
    REVISIONS,
    /** the console signs a person in at sts-service (password, MFA code) and gets the session's credentials. */
    CONSOLE_SESSION,
    /** sts-service reads the OpenID Connect provider a web identity token names (its client ids), AssumeRoleWithWebIdentity. */
    OIDC_PROVIDER_LOOKUP,
    /** sts-service reads which account a long-term access key belongs to (GetAccessKeyInfo). */
    ACCESS_KEY_LOOKUP,
    /** policy-service reads from audit-service when principals last used each service and action (access advisor). */
    LAST_ACCESSED,
    /** sts-service reads an instance profile and its role (workload credentials from the metadata endpoints). */
    INSTANCE_PROFILE_LOOKUP;

    /** The value of the {@code pur} claim. */
    public String claim() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The purpose a {@code pur} claim or configuration key names, or {@code null}. */
    public static Purpose fromClaim(String claim) {
        for (Purpose purpose : values()) {
            if (purpose.claim().equals(claim)) {
                return purpose;
            }
        }
        return null;
    }
}
