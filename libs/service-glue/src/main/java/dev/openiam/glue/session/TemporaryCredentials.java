package dev.openiam.glue.session;

import dev.openiam.awsprotocol.sigv4.HttpRequestData;
import dev.openiam.awsprotocol.sigv4.SigV4Credential;
import dev.openiam.awsprotocol.sigv4.SigV4Verifier;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.sessiontoken.SessionClaims;
import dev.openiam.sessiontoken.SessionTokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * Authenticates a request signed with temporary credentials ({@code ASIA…} and {@code X-Amz-Security-Token}), with
 * no call to anyone: the token carries the secret, the signature is recomputed with it, and the token's session is
 * the caller. Every front door does this the same way.
 */
@ApplicationScoped
public class TemporaryCredentials {

    /** The prefix of temporary access key ids. */
    public static final String PREFIX = "ASIA";

    private final SessionTokens tokens;
    private final SigV4Verifier verifier = new SigV4Verifier();
    private final Clock clock = Clock.systemUTC();

    public TemporaryCredentials(SessionTokens tokens) {
        this.tokens = tokens;
    }

    public static boolean isTemporary(String accessKeyId) {
        return accessKeyId != null && accessKeyId.startsWith(PREFIX);
    }

    /** The session that signed {@code request}, whose credential {@link SigV4Verifier#parse} read. */
    public CallerClaims authenticate(HttpRequestData request, SigV4Credential credential, String service) {
        if (credential.securityToken() == null || credential.securityToken().isEmpty()) {
            // an ASIA key alone names no secret anyone holds
            throw new IamException(ErrorCode.INVALID_CLIENT_TOKEN_ID, SessionTokenVerifier.INVALID);
        }
        SessionClaims session = tokens.open(credential.securityToken(), credential.accessKeyId());
        verifier.verify(request, credential, session.secretAccessKey(), service, clock.instant());
        return session.caller();
    }
}
