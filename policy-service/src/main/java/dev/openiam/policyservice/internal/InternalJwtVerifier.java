package dev.openiam.policyservice.internal;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.policyservice.config.PolicyConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import javax.crypto.spec.SecretKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifies the internal JWT that identity-service sends with a forwarded IAM action (SmallRye JWT's
 * parser): HS256 with the shared secret, {@code iss}, {@code aud}, an {@code exp} at most a minute away,
 * and the caller claims. Anything else is refused (fail closed), as is every token when no usable secret
 * is configured.
 */
@ApplicationScoped
public class InternalJwtVerifier {

    private static final Logger LOG = Logger.getLogger(InternalJwtVerifier.class);
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    /** Clock difference tolerated between identity-service and us, in seconds. */
    private static final int CLOCK_SKEW = 5;

    private final DefaultJWTParser parser;
    private final long maxLifetime;

    public InternalJwtVerifier(PolicyConfig config) {
        PolicyConfig.InternalJwt jwt = config.internalJwt();
        this.maxLifetime = jwt.maxLifetimeSeconds();
        byte[] secret = jwt.secret().map(InternalJwtVerifier::decode).orElse(null);
        if (secret == null || secret.length < 32) {
            LOG.warn("no usable internal JWT secret (base64 of at least 32 bytes): every internal call is refused");
            this.parser = null;
            return;
        }
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        context.setSecretVerificationKey(new SecretKeySpec(secret, "HmacSHA256"));
        context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.HS256));
        context.setIssuedBy(jwt.issuer());
        context.setExpectedAudience(Set.of(jwt.audience()));
        context.setClockSkew(CLOCK_SKEW);
        context.setRequiredClaims(Set.of("exp", "sub", "acct"));
        this.parser = new DefaultJWTParser(context);
    }

    /** Standard or URL-safe base64, as the front door accepts the same secret in either form. */
    public static byte[] decode(String base64) {
        String trimmed = base64.strip();
        try {
            return trimmed.contains("-") || trimmed.contains("_")
                    ? Base64.getUrlDecoder().decode(trimmed) : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The caller named by {@code Authorization: Bearer <jwt>}, or AccessDenied. */
    public Caller verify(String authorization, Long atLeastIdentityRevision) {
        if (parser == null || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw denied();
        }
        JsonWebToken token;
        try {
            token = parser.parse(authorization.substring(7).strip());
        } catch (ParseException e) {
            LOG.debugf("internal JWT refused: %s", e.getMessage());
            throw denied();
        }
        // a forwarded call's token lives a minute at most; a longer-lived one was not minted by the front door
        if (token.getExpirationTime() > Instant.now().getEpochSecond() + maxLifetime + CLOCK_SKEW) {
            throw denied();
        }
        String account = token.getClaim("acct");
        String arn = token.getSubject();
        Object root = token.getClaim("root");
        if (account == null || !ACCOUNT.matcher(account).matches() || arn == null || !arn.startsWith("arn:")) {
            throw denied();
        }
        return new Caller(arn, account, token.getClaim("pid"), token.getClaim("akid"), isTrue(root), atLeastIdentityRevision);
    }

    private static boolean isTrue(Object claim) {
        return claim instanceof Boolean b ? b : claim instanceof jakarta.json.JsonValue v && v == jakarta.json.JsonValue.TRUE;
    }

    private static IamException denied() {
        return new IamException(ErrorCode.ACCESS_DENIED, "The internal caller could not be authenticated.");
    }
}
