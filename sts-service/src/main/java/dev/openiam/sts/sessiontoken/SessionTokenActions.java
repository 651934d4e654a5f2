package dev.openiam.sts.sessiontoken;

import dev.openiam.authorization.GlobalKeys;
import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.awsprotocol.query.QueryXml;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.SessionContext;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.rules.Rules;
import dev.openiam.sts.credentials.CredentialIssuer;
import dev.openiam.sts.credentials.SessionCredentials;
import dev.openiam.sts.peers.IdentityPeer;
import dev.openiam.sts.query.StsAction;
import dev.openiam.sts.query.StsActionGroup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;

/**
 * GetSessionToken: temporary credentials for an IAM user (or the root user, at most an hour) signing with its
 * long-term keys, 900 to 129,600 seconds (12 hours by default). With {@code SerialNumber} and {@code TokenCode} the code
 * is checked by identity-service (each code once) against the caller's own device, and the session carries
 * {@code aws:MultiFactorAuthPresent} and {@code aws:MultiFactorAuthAge} — what "deny unless signed in with MFA"
 * policies look for. No policy is consulted, as on AWS: the session has the user's permissions.
 */
@ApplicationScoped
public class SessionTokenActions implements StsActionGroup {

    static final int MIN = 900;
    static final int DEFAULT = 43_200;
    static final int MAX = 129_600;
    static final int ROOT_MAX = 3_600;

    private final IdentityPeer identity;
    private final CredentialIssuer issuer;
    private final Clock clock = Clock.systemUTC();

    public SessionTokenActions(IdentityPeer identity, CredentialIssuer issuer) {
        this.identity = identity;
        this.issuer = issuer;
    }

    @Override
    public List<StsAction> actions() {
        return List.of(new StsAction("GetSessionToken", this::getSessionToken));
    }

    private Uni<Consumer<QueryXml.Element>> getSessionToken(QueryRequest q, CallerClaims caller, GlobalKeys.Call call) {
        int duration = Rules.range("durationSeconds", q.integer("DurationSeconds"), MIN, MAX, DEFAULT);
        String serial = q.string("SerialNumber");
        String code = q.string("TokenCode");
        if (serial != null) {
            Rules.length("serialNumber", serial, 9, 256);
        }
        if (code != null) {
            Rules.matching("tokenCode", code, 6, 6, "[\\d]*");
        }
        if ((serial == null) != (code == null)) {
            throw IamException.validation("SerialNumber and TokenCode must be given together");
        }
        if (caller.session() != null) {
            throw new IamException(ErrorCode.ACCESS_DENIED, "Cannot call GetSessionToken with session credentials");
        }
        int seconds = caller.root() ? Math.min(duration, ROOT_MAX) : duration;
        Uni<Instant> mfa = code == null ? Uni.createFrom().nullItem()
                : identity.verifyMfa(caller.accountId(), serial, code).map(owner -> {
                    if (!owner.arn().equals(caller.arn())) {
                        throw new IamException(ErrorCode.ACCESS_DENIED, IdentityPeer.MFA_FAILED);
                    }
                    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
                });
        return mfa.chain(mfaAt -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            SessionContext session = new SessionContext(caller.arn(), caller.root() ? "Root" : "IAMUser", now,
                    now.plus(Duration.ofSeconds(seconds)), null, List.of(), null, List.of(), null, null, false);
            return issuer.issue("GetSessionToken", caller.arn(), null, caller.accountId(), caller.arn(), caller.principalId(), mfaAt,
                    session);
        }).map(credentials -> e -> e.element("Credentials", c -> c.text("AccessKeyId", credentials.accessKeyId())
                    .text("SecretAccessKey", credentials.secretAccessKey())
                    .text("SessionToken", credentials.sessionToken())
                    .date("Expiration", credentials.expiration())));
    }
}
