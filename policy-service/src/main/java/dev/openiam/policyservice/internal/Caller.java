package dev.openiam.policyservice.internal;

import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.SessionContext;
import dev.openiam.internalauth.ServiceCall;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import org.jboss.logging.Logger;

import java.util.regex.Pattern;

/**
 * The authenticated caller of a forwarded IAM action, as identity-service vouched for it in its forward token:
 * its ARN, account, unique id, access key id and whether it is the account's root user.
 * {@code atLeastIdentityRevision} is the identity revision the caller has seen (may be {@code null}); {@code session}
 * what its temporary credentials add ({@code null} for long-term keys).
 */
public record Caller(String arn, String accountId, String principalId, String accessKeyId, boolean root,
                     Long atLeastIdentityRevision, SessionContext session) {

    public Caller(String arn, String accountId, String principalId, String accessKeyId, boolean root, Long atLeastIdentityRevision) {
        this(arn, accountId, principalId, accessKeyId, root, atLeastIdentityRevision, null);
    }

    private static final Logger LOG = Logger.getLogger(Caller.class);
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    /**
     * The caller a verified forward token names, if the token was made for {@code action} and names a principal ARN
     * of a 12-digit account; AccessDenied otherwise.
     */
    public static Caller forwarded(ServiceCall call, String action, Long atLeastIdentityRevision) {
        CallerClaims claims = call.caller();
        if (!action.equals(call.action()) || claims == null || claims.accountId() == null
                || !ACCOUNT.matcher(claims.accountId()).matches() || claims.arn() == null || !claims.arn().startsWith("arn:")) {
            LOG.debugf("forward token for %s with caller %s does not fit %s", call.action(), claims, action);
            throw new IamException(ErrorCode.ACCESS_DENIED, "The service call could not be authenticated.");
        }
        return new Caller(claims.arn(), claims.accountId(), claims.principalId(), claims.accessKeyId(), claims.root(),
                atLeastIdentityRevision, claims.session());
    }
}
