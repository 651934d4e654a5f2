package dev.openiam.identity.auth;

import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.SessionContext;
import dev.openiam.model.IamException;

import java.time.Instant;

/**
 * The authenticated principal of a request.
 *
 * @param accountId          the account the credentials belong to
 * @param arn                the principal's ARN ({@code arn:aws:iam::<account>:root} or a user's ARN)
 * @param principalId        the user's unique id, or the account id for root
 * @param accessKeyId        the key that signed the request
 * @param mfaAuthenticatedAt when the session that signed was authenticated with MFA; {@code null} for long-term
 *                           keys (which never carry MFA, as on AWS)
 * @param session            what temporary credentials add (the role or user the session acts for, its policies and
 *                           tags); {@code null} for long-term keys
 */
public record Caller(String accountId, String arn, String principalId, String accessKeyId, boolean root,
                     Instant mfaAuthenticatedAt, SessionContext session) {

    /** A caller signing with a long-term access key: no MFA, no session. */
    public Caller(String accountId, String arn, String principalId, String accessKeyId, boolean root) {
        this(accountId, arn, principalId, accessKeyId, root, null, null);
    }

    /** The caller a service token or a session token names. */
    public static Caller of(CallerClaims claims) {
        return new Caller(claims.accountId(), claims.arn(), claims.principalId(), claims.accessKeyId(), claims.root(),
                claims.mfaAuthenticatedAt(), claims.session());
    }

    /** Whether an IAM user signs: with its access key, or with a session of its own (GetSessionToken). */
    public boolean isUser() {
        return !root && (session == null || "IAMUser".equals(session.type()));
    }

    /**
     * The IAM user's name (the last segment of its ARN); {@code null} for the root user. A role or federated session
     * has no user name: an action that would act on the caller answers as AWS does.
     */
    public String userName() {
        if (root) {
            return null;
        }
        if (!isUser()) {
            throw IamException.validation("Must specify userName when calling with non-User credentials");
        }
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    /** The user an action names by {@code UserName}, or without one the caller itself ({@code null} for the root user). */
    public String userOrSelf(String userName) {
        return userName != null ? userName : userName();
    }

    /** This caller as a service token names it to another service. */
    public CallerClaims claims() {
        return new CallerClaims(arn, accountId, principalId, accessKeyId, root, mfaAuthenticatedAt, session);
    }
}
