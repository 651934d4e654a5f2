package dev.openiam.glue.session;

import dev.openiam.awsprotocol.sigv4.HttpRequestData;
import dev.openiam.awsprotocol.sigv4.SigV4Credential;
import dev.openiam.awsprotocol.sigv4.SigV4Verifier;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.sessiontoken.SessionClaims;
import dev.openiam.sessiontoken.SessionTokenVerifier;
import io.smallrye.mutiny.Uni;
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

    /**
     * The session that signed {@code request}, whose credential {@link SigV4Verifier#parse} read; a token signed with a
     * key not known yet makes the keys be read anew first (keys rotate).
     */
    public Uni<CallerClaims> authenticate(HttpRequestData request, SigV4Credential credential, String service) {
        return Uni.createFrom().deferred(() -> tokens.openRefreshing(token(credential), credential.accessKeyId()))
                .map(session -> checked(request, credential, service, session));
    }

    /** As {@link #authenticate}, with the signing keys known now only (no I/O: what a benchmark measures). */
    public CallerClaims authenticateWithKnownKeys(HttpRequestData request, SigV4Credential credential, String service) {
        return checked(request, credential, service, tokens.open(token(credential), credential.accessKeyId()));
    }

    private static String token(SigV4Credential credential) {
        if (credential.securityToken() == null || credential.securityToken().isEmpty()) {
            // an ASIA key alone names no secret anyone holds
            throw new IamException(ErrorCode.INVALID_CLIENT_TOKEN_ID, SessionTokenVerifier.INVALID);
        }
        return credential.securityToken();
    }

    private CallerClaims checked(HttpRequestData request, SigV4Credential credential, String service, SessionClaims session) {
        verifier.verify(request, credential, session.secretAccessKey(), service, clock.instant());
        return session.caller();
    }
}
