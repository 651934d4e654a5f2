package dev.openiam.glue.session;

import dev.openiam.internalauth.ServiceKey;
import dev.openiam.internalauth.TrustConfig;
import dev.openiam.internalauth.TrustedKeys;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.sessiontoken.SessionClaims;
import dev.openiam.sessiontoken.SessionTokenIssuer;
import dev.openiam.sessiontoken.SessionTokenVerifier;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Opens the session tokens of requests signed with temporary credentials, offline: decrypted with the
 * session-encryption key every front door holds ({@code iam.session.encryption-key-file}), signed by one of
 * sts-service's published keys ({@code sts-service.jwks.json} among the trusted keys: every key listed verifies, so a
 * retired key keeps working until the last token it signed expires). Without both, every temporary credential is
 * refused (fail closed) and the reason is logged once at start. A token is opened once: what it says is kept, by its
 * exact text, for a bounded number of tokens and never past its expiry; a kept token is checked for expiry on every use.
 */
@Singleton
@Startup
public class SessionTokens {

    private static final Logger LOG = Logger.getLogger(SessionTokens.class);

    /** How many opened tokens are kept. */
    static final int KEPT = 20_000;

    private final SessionTokenVerifier verifier;
    private final ServiceKey encryption;
    private final Cache<String, SessionClaims> opened = Caffeine.newBuilder().maximumSize(KEPT)
            .expireAfter(Expiry.creating((String token, SessionClaims claims) ->
                    Duration.between(Instant.now(), claims.expiresAt()).isNegative() ? Duration.ZERO
                            : Duration.between(Instant.now(), claims.expiresAt())))
            .build();

    public SessionTokens(SessionConfig config, TrustConfig trust) {
        Optional<Path> encryptionKeyFile = config.encryptionKeyFile();
        SessionTokenVerifier opened = null;
        ServiceKey key = null;
        try {
            if (encryptionKeyFile.isEmpty()) {
                LOG.info("no session-encryption key (iam.session.encryption-key-file): temporary credentials are refused");
            } else {
                key = ServiceKey.read("session", encryptionKeyFile.get());
                Path jwks = trust.trustedKeysDir().map(dir -> dir.resolve(SessionTokenIssuer.ISSUER + TrustedKeys.SUFFIX)).orElse(null);
                if (jwks == null || !Files.isReadable(jwks)) {
                    LOG.warnf("no %s%s among the trusted keys: temporary credentials are refused", SessionTokenIssuer.ISSUER,
                            TrustedKeys.SUFFIX);
                } else {
                    opened = new SessionTokenVerifier(Files.readString(jwks), key);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.errorf("session tokens cannot be verified: %s", e.getMessage());
        }
        this.verifier = opened;
        this.encryption = key;
    }

    /** The session-encryption key pair, for sts-service to encrypt the tokens it issues; empty when not configured. */
    public Optional<ServiceKey> encryptionKey() {
        return Optional.ofNullable(encryption);
    }

    /** The session {@code token} stands for: ExpiredToken, or InvalidClientTokenId for anything else wrong. */
    public SessionClaims open(String token, String accessKeyId) {
        if (verifier == null) {
            throw new IamException(ErrorCode.INVALID_CLIENT_TOKEN_ID, SessionTokenVerifier.INVALID);
        }
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
        SessionClaims claims = verifier.verify(token, accessKeyId);
        opened.put(token, claims);
        return claims;
    }
}
