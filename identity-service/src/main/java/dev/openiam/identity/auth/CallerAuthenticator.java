package dev.openiam.identity.auth;

import dev.openiam.identity.accesskey.domain.AccessKeyService;
import dev.openiam.identity.accesskey.persistence.AccessKeyRepository;
import dev.openiam.identity.crypto.SecretCipher;
import dev.openiam.identity.user.persistence.UserRepository;
import dev.openiam.model.AccountId;
import dev.openiam.model.Arn;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Turns an access key into a {@link Caller}: the key must exist and be active. The secret is decrypted
 * here and never leaves identity-service; {@link #verifySecret} compares in constant time.
 */
@ApplicationScoped
public class CallerAuthenticator {

    private final AccessKeyRepository keys;
    private final UserRepository users;
    private final SecretCipher cipher;

    public CallerAuthenticator(AccessKeyRepository keys, UserRepository users, SecretCipher cipher) {
        this.keys = keys;
        this.users = users;
        this.cipher = cipher;
    }

    /** A caller with the key's decrypted secret, for a signature check by the protocol layer. */
    public record KeyHolder(Caller caller, String secret) {
    }

    @WithSession
    public Uni<KeyHolder> resolve(String accessKeyId) {
        return keys.findById(accessKeyId).chain(key -> {
            if (key == null) {
                return Uni.createFrom().failure(new IamException(ErrorCode.INVALID_CLIENT_TOKEN_ID,
                        "The security token included in the request is invalid."));
            }
            if (!AccessKeyService.ACTIVE.equals(key.status)) {
                return Uni.createFrom().failure(new IamException(ErrorCode.INVALID_CLIENT_TOKEN_ID,
                        "The security token included in the request is invalid."));
            }
            String secret = cipher.open(key.accessKeyId, key.secretCiphertext, key.secretNonce, key.kekId);
            if (key.userId == null) {
                return Uni.createFrom().item(new KeyHolder(new Caller(key.accountId,
                        Arn.root(AccountId.of(key.accountId)).toString(), key.accountId, key.accessKeyId, true), secret));
            }
            return users.findById(key.userId).map(user -> new KeyHolder(
                    new Caller(key.accountId, user.arn, user.userId, key.accessKeyId, false), secret));
        });
    }

    /** Authenticates an access key id and secret presented directly (the REST API's Basic scheme). */
    public Uni<Caller> authenticate(String accessKeyId, String secret) {
        return resolve(accessKeyId).map(holder -> {
            if (!verifySecret(holder.secret(), secret)) {
                throw new IamException(ErrorCode.SIGNATURE_DOES_NOT_MATCH,
                        "The request signature we calculated does not match the signature you provided.");
            }
            return holder.caller();
        });
    }

    public static boolean verifySecret(String expected, String presented) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
