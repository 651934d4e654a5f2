package dev.openiam.glue.session;

import dev.openiam.internalauth.ServiceKey;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.sessiontoken.SessionClaims;
import dev.openiam.sessiontoken.SessionTokenVerifier;
import dev.openiam.sessiontoken.UnknownSigningKeyException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Opens the session tokens of requests signed with temporary credentials, offline: decrypted with the
 * session-encryption key every front door holds ({@code iam.session.encryption-key-file}), signed by one of
 * sts-service's session-signing keys ({@link SessionSigningKeys}: every key published verifies, so a retired key keeps
 * working until the last token it signed expires; a token naming a key not known makes the keys be read anew, at a
 * bounded rate). Without the encryption key every temporary credential is refused (fail closed) and the reason is
 * logged once at start. A token is opened once: what it says is kept, by its exact text, for a bounded number of tokens
 * and never past its expiry; a kept token is checked for expiry on every use.
 */
@Singleton
@Startup
public class SessionTokens {

    private static final Logger LOG = Logger.getLogger(SessionTokens.class);

    /** How many opened tokens are kept. */
    static final int KEPT = 20_000;

    private record Verifier(String jwks, SessionTokenVerifier verifier) {
    }

    private final ServiceKey encryption;
    private final SessionSigningKeys keys;
    private volatile Verifier current;
    private final Cache<String, SessionClaims> opened = Caffeine.newBuilder().maximumSize(KEPT)
            .expireAfter(Expiry.creating((String token, SessionClaims claims) ->
                    Duration.between(Instant.now(), claims.expiresAt()).isNegative() ? Duration.ZERO
                            : Duration.between(Instant.now(), claims.expiresAt())))
            .build();

    public SessionTokens(SessionConfig config, SessionSigningKeys keys) {
        Optional<Path> encryptionKeyFile = config.encryptionKeyFile();
        ServiceKey key = null;
        try {
            if (encryptionKeyFile.isEmpty()) {
                LOG.info("no session-encryption key (iam.session.encryption-key-file): temporary credentials are refused");
            } else {
                key = ServiceKey.read("session", encryptionKeyFile.get());
            }
        } catch (RuntimeException e) {
            LOG.errorf("session tokens cannot be verified: %s", e.getMessage());
        }
        this.encryption = key;
        this.keys = keys;
    }

    /** The session-encryption key pair, for sts-service to encrypt the tokens it issues; empty when not configured. */
    public Optional<ServiceKey> encryptionKey() {
        return Optional.ofNullable(encryption);
    }

    /**
     * The session {@code token} stands for, with the signing keys known now: ExpiredToken, {@link UnknownSigningKeyException}
     * for a key not known, or InvalidClientTokenId for anything else wrong.
     */
    public SessionClaims open(String token, String accessKeyId) {
        SessionClaims kept = token == null ? null : opened.getIfPresent(token);
        if (kept != null) {
            if (!Instant.now().isBefore(kept.expiresAt())) {
                throw new IamException(ErrorCode.EXPIRED_TOKEN, SessionTokenVerifier.EXPIRED);
            }
            if (!kept.accessKeyId().equals(accessKeyId)) {
                throw new IamException(ErrorCode.INVALID_CLIENT_TOKEN_ID, SessionTokenVerifier.INVALID);
            }
            return kept;
        }
        SessionClaims claims = verifier(keys.jwks()).verify(token, accessKeyId);
        opened.put(token, claims);
        return claims;
    }

    /** As {@link #open}, reading the signing keys anew (at a bounded rate) when the token names a key not known. */
    public Uni<SessionClaims> openRefreshing(String token, String accessKeyId) {
        try {
            return Uni.createFrom().item(open(token, accessKeyId));
        } catch (UnknownSigningKeyException unknown) {
            return keys.refresh().map(jwks -> {
                try {
                    return open(token, accessKeyId);
                } catch (UnknownSigningKeyException stillUnknown) {
                    throw new IamException(ErrorCode.INVALID_CLIENT_TOKEN_ID, SessionTokenVerifier.INVALID);
                }
            });
        }
    }

    /** The verifier of {@code jwks}, made once per key set. */
    private SessionTokenVerifier verifier(String jwks) {
        if (encryption == null || jwks == null) {
            throw new IamException(ErrorCode.INVALID_CLIENT_TOKEN_ID, SessionTokenVerifier.INVALID);
        }
        Verifier known = current;
        if (known == null || !known.jwks().equals(jwks)) {
            known = new Verifier(jwks, new SessionTokenVerifier(jwks, encryption));
            current = known;
        }
        return known.verifier();
    }
}
