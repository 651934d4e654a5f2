package dev.openiam.identity.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.openiam.identity.accesskey.domain.AccessKeyService;
import dev.openiam.identity.accesskey.persistence.AccessKeyEntity;
import dev.openiam.identity.accesskey.persistence.AccessKeyRepository;
import dev.openiam.identity.account.RevisionCache;
import dev.openiam.identity.crypto.SecretCipher;
import dev.openiam.identity.user.persistence.UserRepository;
import dev.openiam.model.AccountId;
import dev.openiam.model.Arn;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Turns an access key into a {@link Caller}: the key must exist and be active. The secret is decrypted
 * here and never leaves identity-service; {@link #verifySecret} compares in constant time.
 *
 * <p>What a key resolves to is kept under the account's revisions ({@link RevisionCache}): every identity write of the
 * account (a key deactivated or deleted, its user renamed or deleted) moves them, on whichever replica it commits, so
 * the next request loads the key again. A request reads the revisions once, and authorization uses the same read, so a
 * kept key costs no query of its own.
 */
@ApplicationScoped
public class CallerAuthenticator {

    private final AccessKeyRepository keys;
    private final UserRepository users;
    private final SecretCipher cipher;
    private final RevisionCache cache;
    /** A key's account never changes. */
    private final Cache<String, String> accountOfKey = Caffeine.newBuilder().maximumSize(200_000).build();

    public CallerAuthenticator(AccessKeyRepository keys, UserRepository users, SecretCipher cipher, RevisionCache cache) {
        this.keys = keys;
        this.users = users;
        this.cipher = cipher;
        this.cache = cache;
    }

    /** A caller with the key's decrypted secret, for a signature check by the protocol layer. */
    public record KeyHolder(Caller caller, String secret) {
    }

    public Uni<KeyHolder> resolve(String accessKeyId) {
        String accountId = accountOfKey.getIfPresent(accessKeyId);
        if (accountId == null) {
            // first sight of the key: its account, then the revision, then the key as of that revision
            return Panache.withSession(() -> keys.findById(accessKeyId)).chain(key -> {
                if (key == null) {
                    return Uni.createFrom().failure(invalid());
                }
                accountOfKey.put(accessKeyId, key.accountId);
                return resolve(accessKeyId, key.accountId);
            });
        }
        return resolve(accessKeyId, accountId);
    }

    private Uni<KeyHolder> resolve(String accessKeyId, String accountId) {
        return cache.read(accountId, "access-key", accessKeyId, () -> Panache.withSession(() -> keys.findById(accessKeyId).chain(this::load)));
    }

    private Uni<KeyHolder> load(AccessKeyEntity key) {
        if (key == null || !AccessKeyService.ACTIVE.equals(key.status)) {
            return Uni.createFrom().failure(invalid());
        }
        String secret = cipher.open(key.accessKeyId, key.secretCiphertext, key.secretNonce, key.kekId);
        if (key.userId == null) {
            return Uni.createFrom().item(new KeyHolder(new Caller(key.accountId,
                    Arn.root(AccountId.of(key.accountId)).toString(), key.accountId, key.accessKeyId, true), secret));
        }
        return users.findById(key.userId).map(user -> new KeyHolder(
                new Caller(key.accountId, user.arn, user.userId, key.accessKeyId, false), secret));
    }

    private static IamException invalid() {
        return new IamException(ErrorCode.INVALID_CLIENT_TOKEN_ID, "The security token included in the request is invalid.");
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
