package dev.openiam.identity.accesskey.domain;

import dev.openiam.identity.accesskey.persistence.AccessKeyEntity;
import dev.openiam.identity.accesskey.persistence.AccessKeyRepository;
import dev.openiam.model.rules.Rules;
import dev.openiam.identity.crypto.SecretCipher;
import dev.openiam.identity.outbox.AccountWrites;
import dev.openiam.identity.outbox.Change;
import dev.openiam.identity.outbox.Committed;
import dev.openiam.identity.user.persistence.UserEntity;
import dev.openiam.identity.user.persistence.UserRepository;
import dev.openiam.model.EntityType;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.event.IdentityEvent;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Access keys of users and of the root user: at most two per owner, the secret returned only by its
 * creation and kept encrypted. {@code userName == null} means the caller's own root keys.
 */
@ApplicationScoped
public class AccessKeyService {

    public static final int MAX_KEYS = 2;
    public static final String ACTIVE = "Active";
    public static final String INACTIVE = "Inactive";

    private final AccountWrites writes;
    private final AccessKeyRepository keys;
    private final UserRepository users;
    private final SecretCipher cipher;
    private final SecureRandom random = new SecureRandom();

    public AccessKeyService(AccountWrites writes, AccessKeyRepository keys, UserRepository users, SecretCipher cipher) {
        this.writes = writes;
        this.keys = keys;
        this.users = users;
        this.cipher = cipher;
    }

    public Uni<Committed<AccessKey>> create(String accountId, String actor, String userName) {
        validateUserName(userName);
        return writes.write(accountId, actor, change -> owner(accountId, userName)
                .chain(user -> create(change, user, EntityType.ACCESS_KEY.newId(random), newSecret())));
    }

    /** Creates a key with a given id and secret (the bootstrap of a root key) inside {@code change}. */
    public Uni<AccessKey> create(Change change, UserEntity user, String accessKeyId, String secret) {
        String userId = user == null ? null : user.userId;
        return keys.countOwnedBy(change.accountId(), userId).chain(count -> {
            if (count >= MAX_KEYS) {
                return Uni.createFrom().failure(IamException.limitExceeded(
                        "Cannot exceed quota for AccessKeysPerUser: " + MAX_KEYS));
            }
            SecretCipher.Sealed sealed = cipher.seal(accessKeyId, secret);
            AccessKeyEntity key = new AccessKeyEntity();
            key.accessKeyId = accessKeyId;
            key.accountId = change.accountId();
            key.userId = userId;
            key.status = ACTIVE;
            key.secretCiphertext = sealed.ciphertext();
            key.secretNonce = sealed.nonce();
            key.kekId = sealed.kekId();
            key.createdAt = change.now();
            String userName = user == null ? null : user.userName;
            return keys.persist(key)
                    .call(() -> change.emit(new IdentityEvent.AccessKeyCreated(key.accessKeyId, userId, userName, key.status,
                            key.createdAt)))
                    .map(saved -> new AccessKey(key.accessKeyId, userName, key.status, key.createdAt, secret));
        });
    }

    @WithSession
    public Uni<List<AccessKey>> list(String accountId, String userName) {
        validateUserName(userName);
        return owner(accountId, userName).chain(user -> keys.ownedBy(accountId, user == null ? null : user.userId)
                .map(rows -> rows.stream().map(row -> view(row, user)).toList()));
    }

    public Uni<Committed<AccessKey>> updateStatus(String accountId, String actor, String userName, String accessKeyId,
                                                  String status) {
        validateUserName(userName);
        validateKeyId(accessKeyId);
        Rules.required("status", status);
        if (!ACTIVE.equals(status) && !INACTIVE.equals(status)) {
            throw new IamException(ErrorCode.VALIDATION_ERROR, "1 validation error detected: Value '" + status
                    + "' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]");
        }
        return writes.write(accountId, actor, change -> owned(accountId, userName, accessKeyId).chain(owned -> {
            owned.key().status = status;
            return change.emit(new IdentityEvent.AccessKeyUpdated(accessKeyId, owned.key().userId,
                            owned.user() == null ? null : owned.user().userName, status))
                    .map(ignored -> view(owned.key(), owned.user()));
        }));
    }

    public Uni<Committed<Void>> delete(String accountId, String actor, String userName, String accessKeyId) {
        validateUserName(userName);
        validateKeyId(accessKeyId);
        return writes.write(accountId, actor, change -> owned(accountId, userName, accessKeyId).chain(owned ->
                keys.delete(owned.key()).chain(() -> change.emit(new IdentityEvent.AccessKeyDeleted(accessKeyId,
                        owned.key().userId, owned.user() == null ? null : owned.user().userName)))));
    }

    @WithSession
    public Uni<AccessKeyLastUsed> lastUsed(String accountId, String accessKeyId) {
        validateKeyId(accessKeyId);
        return keys.findById(accessKeyId)
                .onItem().ifNull().failWith(() -> noSuchKey(accessKeyId))
                .chain(key -> {
                    if (!key.accountId.equals(accountId)) {
                        return Uni.createFrom().failure(noSuchKey(accessKeyId));
                    }
                    Uni<String> owner = key.userId == null ? Uni.createFrom().item("root")
                            : users.findById(key.userId).map(user -> user.userName);
                    return owner.map(name -> new AccessKeyLastUsed(name, key.lastUsedAt, key.lastUsedRegion, key.lastUsedService));
                });
    }

    /** The account a key belongs to, whatever its status (GetAccessKeyInfo); NoSuchEntity when there is no such key. */
    @WithSession
    public Uni<String> accountOf(String accessKeyId) {
        validateKeyId(accessKeyId);
        return keys.findById(accessKeyId).onItem().ifNull().failWith(() -> noSuchKey(accessKeyId)).map(key -> key.accountId);
    }

    /** Every key of the account with its last use, oldest first, in the caller's session (the credential report). */
    public Uni<List<AccessKeyUsage>> ofAccount(String accountId) {
        return keys.list("accountId = ?1 order by createdAt, accessKeyId", accountId).map(rows -> rows.stream()
                .map(k -> new AccessKeyUsage(k.accessKeyId, k.userId, ACTIVE.equals(k.status), k.createdAt, k.lastUsedAt,
                        k.lastUsedRegion, k.lastUsedService))
                .toList());
    }

    private record Owned(AccessKeyEntity key, UserEntity user) {
    }

    private Uni<Owned> owned(String accountId, String userName, String accessKeyId) {
        return owner(accountId, userName).chain(user -> keys.findById(accessKeyId).chain(key -> {
            String ownerId = user == null ? null : user.userId;
            if (key == null || !key.accountId.equals(accountId) || !java.util.Objects.equals(key.userId, ownerId)) {
                return Uni.createFrom().failure(noSuchKey(accessKeyId));
            }
            return Uni.createFrom().item(new Owned(key, user));
        }));
    }

    private Uni<UserEntity> owner(String accountId, String userName) {
        return userName == null ? Uni.createFrom().nullItem() : users.require(accountId, userName);
    }

    private static AccessKey view(AccessKeyEntity key, UserEntity user) {
        return new AccessKey(key.accessKeyId, user == null ? null : user.userName, key.status, key.createdAt, null);
    }

    private static IamException noSuchKey(String accessKeyId) {
        return IamException.noSuchEntity("The Access Key with id " + accessKeyId + " cannot be found.");
    }

    private static void validateUserName(String userName) {
        if (userName != null) {
            Rules.name("userName", userName, 128);
        }
    }

    private static void validateKeyId(String accessKeyId) {
        Rules.required("accessKeyId", accessKeyId);
        Rules.length("accessKeyId", accessKeyId, 16, 128);
    }

    /** 40 characters of base64 from 30 random bytes, the shape of an AWS secret access key. */
    private String newSecret() {
        byte[] bytes = new byte[30];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
