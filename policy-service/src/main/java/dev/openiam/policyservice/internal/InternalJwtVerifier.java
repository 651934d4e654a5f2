package dev.openiam.policyservice.internal;

import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.InternalJwt;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.policyservice.config.PolicyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.regex.Pattern;

/**
 * policy-service's side of the internal JWTs ({@code libs/internal-auth}, one shared secret, audience per
 * service): verifies the tokens of forwarded IAM actions and decision-API callers, and mints the tokens
 * policy-service sends to identity-service. Without a usable secret every internal call is refused.
 */
@ApplicationScoped
public class InternalJwtVerifier {

    private static final Logger LOG = Logger.getLogger(InternalJwtVerifier.class);
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    private final InternalJwt jwt;
    private final String audience;

    public InternalJwtVerifier(PolicyConfig config) {
        this.audience = config.internalJwt().audience();
        this.jwt = config.internalJwt().secret().filter(secret -> !secret.isBlank()).map(InternalJwtVerifier::parse).orElse(null);
        if (jwt == null) {
            LOG.warn("no usable internal JWT secret (base64 of at least 32 bytes): every internal call is refused");
        }
    }

    private static InternalJwt parse(String secret) {
        try {
            return InternalJwt.fromBase64(secret);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether internal calls can be made and checked at all (readiness). */
    public boolean usable() {
        return jwt != null;
    }

    /** A caller forwarded by the IAM front door: a principal ARN of a 12-digit account, or AccessDenied. */
    public Caller verify(String authorization, Long atLeastIdentityRevision) {
        CallerClaims claims = verifyService(authorization);
        if (claims.accountId() == null || !ACCOUNT.matcher(claims.accountId()).matches() || !claims.arn().startsWith("arn:")) {
            throw denied();
        }
        return new Caller(claims.arn(), claims.accountId(), claims.principalId(), claims.accessKeyId(), claims.root(),
                atLeastIdentityRevision);
    }

    /** Any internal caller with a valid token for this service (the decision API's callers), or AccessDenied. */
    public CallerClaims verifyService(String authorization) {
        if (jwt == null) {
            throw denied();
        }
        try {
            return jwt.verify(InternalJwt.bearer(authorization), audience);
        } catch (IamException e) {
            throw denied();
        }
    }

    /** A token telling {@code audience} who calls. */
    public String sign(String audience, CallerClaims caller) {
        if (jwt == null) {
            throw new IamException(ErrorCode.SERVICE_UNAVAILABLE, "internal calls are not configured");
        }
        return jwt.sign(audience, caller);
    }

    private static IamException denied() {
        return new IamException(ErrorCode.ACCESS_DENIED, "The internal caller could not be authenticated.");
    }
}
