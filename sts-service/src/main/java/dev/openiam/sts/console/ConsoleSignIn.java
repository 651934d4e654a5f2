package dev.openiam.sts.console;

import dev.openiam.internalauth.SessionContext;
import dev.openiam.sts.credentials.CredentialIssuer;
import dev.openiam.sts.credentials.SessionCredentials;
import dev.openiam.sts.peers.IdentityPeer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A person signing in to the console: the password (and, when the principal has an MFA device, its code) checked —
 * and the sign-in recorded, CloudTrail's ConsoleLogin — by identity-service, then a console session's credentials — the principal itself (IAM user or root), with
 * {@code aws:MultiFactorAuthPresent} when a code was given. Unlike GetSessionToken's, such a session reaches the IAM
 * API without MFA, as the AWS console does for a user without a device. Sessions last 12 hours for an IAM user (the
 * AWS console's) and one hour for root (GetSessionToken's limit for root).
 */
@ApplicationScoped
public class ConsoleSignIn {

    static final Duration USER_SESSION = Duration.ofHours(12);
    static final Duration ROOT_SESSION = Duration.ofHours(1);

    /** The outcome: credentials, or a request for the MFA code of {@code signedIn.mfaSerial()} (and no credentials). */
    public record Outcome(IdentityPeer.SignedIn signedIn, SessionCredentials credentials, boolean mfaAuthenticated) {
    }

    private final IdentityPeer identity;
    private final CredentialIssuer issuer;
    private final Clock clock = Clock.systemUTC();

    public ConsoleSignIn(IdentityPeer identity, CredentialIssuer issuer) {
        this.identity = identity;
        this.issuer = issuer;
    }

    /**
     * @param account  the account id or alias
     * @param userName the IAM user, or {@code null} for root
     * @param mfaCode  the current code of the principal's MFA device, or {@code null} when it has none (or to learn)
     * @param origin   the person's address and browser, and the console URL, for the sign-in's record
     */
    public Uni<Outcome> signIn(String account, String userName, String password, String mfaCode, IdentityPeer.SignInOrigin origin) {
        return identity.signIn(account, userName, password, mfaCode, origin).map(signedIn -> {
            if (signedIn.mfaSerial() != null && !signedIn.mfaAuthenticated()) {
                return new Outcome(signedIn, null, false);
            }
            return issue(signedIn, signedIn.mfaAuthenticated() ? clock.instant().truncatedTo(ChronoUnit.SECONDS) : null);
        });
    }

    private Outcome issue(IdentityPeer.SignedIn signedIn, Instant mfaAt) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Duration length = signedIn.root() ? ROOT_SESSION : USER_SESSION;
        SessionContext session = new SessionContext(signedIn.arn(), signedIn.root() ? "Root" : "IAMUser", now, now.plus(length),
                null, List.of(), null, List.of(), null, null, false, true);
        SessionCredentials credentials = issuer.issue(signedIn.accountId(), signedIn.arn(), signedIn.principalId(), mfaAt, session);
        return new Outcome(signedIn, credentials, mfaAt != null);
    }
}
