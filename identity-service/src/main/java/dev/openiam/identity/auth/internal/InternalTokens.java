package dev.openiam.identity.auth.internal;

import dev.openiam.identity.auth.Caller;
import dev.openiam.identity.config.IdentityConfig;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.InternalJwt;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * identity-service's side of internal JWTs: tokens it mints for the services it calls, and the check of
 * tokens other services present to its internal endpoints (audience {@code identity-service}).
 */
@ApplicationScoped
public class InternalTokens {

    public static final String AUDIENCE = "identity-service";

    private final InternalJwt jwt;

    public InternalTokens(IdentityConfig config) {
        this.jwt = config.internalJwtSecret().map(InternalJwt::fromBase64).orElse(null);
    }

    /** A token telling {@code audience} that {@code caller} is calling. */
    public String issue(String audience, Caller caller) {
        if (jwt == null) {
            throw new IamException(ErrorCode.SERVICE_UNAVAILABLE, "internal calls are not configured (IAM_INTERNAL_JWT_SECRET)");
        }
        return jwt.sign(audience, new CallerClaims(caller.arn(), caller.accountId(), caller.principalId(), caller.accessKeyId(),
                caller.root()));
    }

    /** The calling service's caller, if its {@code Authorization} header holds a valid token for this service. */
    public CallerClaims verify(String authorization) {
        if (jwt == null) {
            throw new IamException(ErrorCode.ACCESS_DENIED, "internal calls are not configured");
        }
        return jwt.verify(InternalJwt.bearer(authorization), AUDIENCE);
    }
}
