package dev.openiam.identity.loginprofile.domain;

import dev.openiam.identity.loginprofile.persistence.LoginProfileEntity;
import dev.openiam.identity.loginprofile.persistence.LoginProfileRepository;
import dev.openiam.identity.outbox.AccountWrites;
import dev.openiam.identity.outbox.Change;
import dev.openiam.identity.outbox.Committed;
import dev.openiam.identity.user.persistence.UserRepository;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.event.IdentityEvent;
import dev.openiam.model.rules.Rules;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Console passwords: CreateLoginProfile, GetLoginProfile, UpdateLoginProfile, DeleteLoginProfile and ChangePassword.
 * {@code userName == null} means the account's root user. A new password is checked against the account's policy
 * and its reuse rule and hashed off the event loop before the write; the write then makes sure the profile did not
 * change meanwhile. Passwords are never stored, logged or evented, only their Argon2id hashes kept.
 */
@ApplicationScoped
public class LoginProfileService {

    private final AccountWrites writes;
    private final LoginProfileRepository profiles;
    private final UserRepository users;
    private final PasswordRules rules;
    private final Passwords passwords;

    public LoginProfileService(AccountWrites writes, LoginProfileRepository profiles, UserRepository users,
                               PasswordRules rules, Passwords passwords) {
        this.writes = writes;
        this.profiles = profiles;
        this.users = users;
        this.rules = rules;
        this.passwords = passwords;
    }

    /** Whose password: a user's, or the root user's (principal id = account id, no user). */
    record Owner(String principalId, String userId, String userName) {
        String shownName(String accountId) {
            return userName != null ? userName : accountId;
        }
    }

    public Uni<Committed<LoginProfile>> create(String accountId, String actor, String userName, String password,
                                               Boolean passwordResetRequired) {
        validateName(userName);
        Rules.password("password", password);
        return Panache.withSession(() -> owner(accountId, userName).chain(owner -> profiles.findById(owner.principalId())
                        .chain(existing -> existing != null
                                ? Uni.createFrom().failure(IamException.alreadyExists(
                                        "Login Profile for user " + owner.shownName(accountId) + " already exists."))
                                : rules.check(accountId, owner.principalId(), password))))
                .chain(() -> passwords.hash(password))
                .chain(hash -> writes.write(accountId, actor, change -> owner(accountId, userName).chain(owner -> {
                    LoginProfileEntity profile = new LoginProfileEntity();
                    profile.principalId = owner.principalId();
                    profile.accountId = accountId;
                    profile.userId = owner.userId();
                    profile.passwordHash = hash;
                    profile.passwordResetRequired = Boolean.TRUE.equals(passwordResetRequired);
                    profile.createdAt = change.now();
                    profile.passwordChangedAt = change.now();
                    return profiles.persist(profile)
                            .chain(() -> rules.remember(owner.principalId(), hash, change.now()))
                            .chain(() -> change.emit(new IdentityEvent.LoginProfileCreated(owner.principalId(), owner.userName(),
                                    profile.passwordResetRequired, profile.createdAt)))
                            .map(ignored -> view(profile, owner));
                })));
    }

    @WithSession
    public Uni<LoginProfile> get(String accountId, String userName) {
        validateName(userName);
        return owner(accountId, userName).chain(owner -> require(accountId, owner).map(profile -> view(profile, owner)));
    }

    /** UpdateLoginProfile: a new password (checked like a new one) and/or whether it must be reset at next sign-in. */
    public Uni<Committed<Void>> update(String accountId, String actor, String userName, String password,
                                       Boolean passwordResetRequired) {
        validateName(userName);
        if (password != null) {
            Rules.password("password", password);
        }
        return Panache.withSession(() -> owner(accountId, userName).chain(owner -> require(accountId, owner)
                        .call(profile -> password == null ? Uni.createFrom().voidItem()
                                : rules.check(accountId, owner.principalId(), password))))
                .chain(before -> (password == null ? Uni.createFrom().<String>nullItem() : passwords.hash(password))
                        .chain(hash -> writes.write(accountId, actor, change -> owner(accountId, userName).chain(owner ->
                                require(accountId, owner).chain(profile -> {
                                    unchangedSince(before, profile, owner, accountId);
                                    if (passwordResetRequired != null) {
                                        profile.passwordResetRequired = passwordResetRequired;
                                    }
                                    return setPassword(change, owner, profile, hash);
                                })))));
    }

    /**
     * ChangePassword: the calling IAM user's own, with its current password. Whether the caller may call it at all
     * (its policies, or the account's AllowUsersToChangePassword) was decided before.
     */
    public Uni<Committed<Void>> changePassword(String accountId, String actor, String userId, String oldPassword,
                                              String newPassword) {
        Rules.password("oldPassword", oldPassword);
        Rules.password("newPassword", newPassword);
        if (userId == null) {
            throw new IamException(ErrorCode.INVALID_USER_TYPE,
                    "ChangePassword changes the password of the calling IAM user; the root user's is set with UpdateLoginProfile.");
        }
        return Panache.withSession(() -> users.findById(userId)
                        .onItem().ifNull().failWith(() -> IamException.noSuchEntity("The user with id " + userId + " cannot be found."))
                        .map(user -> new Owner(user.userId, user.userId, user.userName))
                        .chain(owner -> require(accountId, owner).chain(profile -> rules.effective(accountId).chain(policy -> {
                            if (PasswordRules.expired(profile, policy, java.time.Instant.now()) && Boolean.TRUE.equals(policy.hardExpiry())) {
                                return Uni.createFrom().failure(new IamException(ErrorCode.ACCESS_DENIED,
                                        "The password has expired and the account's password policy does not let users set a new one; "
                                                + "an administrator must reset it."));
                            }
                            return passwords.verify(oldPassword, profile.passwordHash).chain(matches -> matches
                                    ? rules.check(policy, owner.principalId(), newPassword)
                                    : Uni.createFrom().failure(new IamException(ErrorCode.ACCESS_DENIED, "The old password is incorrect.")));
                        }).replaceWith(profile).map(p -> new Before(owner, p.passwordHash)))))
                .chain(before -> passwords.hash(newPassword).chain(hash -> writes.write(accountId, actor,
                        change -> require(accountId, before.owner()).chain(profile -> {
                            unchangedSince(before.hash(), profile, before.owner(), accountId);
                            profile.passwordResetRequired = false;
                            return setPassword(change, before.owner(), profile, hash);
                        }))));
    }

    private record Before(Owner owner, String hash) {
    }

    public Uni<Committed<Void>> delete(String accountId, String actor, String userName) {
        validateName(userName);
        return writes.write(accountId, actor, change -> owner(accountId, userName).chain(owner -> require(accountId, owner)
                .chain(profiles::delete)
                .chain(() -> change.emit(new IdentityEvent.LoginProfileDeleted(owner.principalId(), owner.userName())))));
    }

    /** A principal's console password as the credential report shows it; {@code expiresAt} null: never expires. */
    public record PasswordFacts(java.time.Instant changedAt, java.time.Instant expiresAt) {
    }

    /** Every console password of the account, by principal id (the account id for root), in the caller's session. */
    public Uni<java.util.Map<String, PasswordFacts>> passwordsOf(String accountId) {
        return rules.effective(accountId).chain(policy -> profiles.ofAccount(accountId).map(rows -> {
            java.util.Map<String, PasswordFacts> facts = new java.util.HashMap<>();
            for (LoginProfileEntity row : rows) {
                facts.put(row.principalId, new PasswordFacts(row.passwordChangedAt, PasswordRules.expiresAt(row, policy)));
            }
            return facts;
        }));
    }

    private Uni<Void> setPassword(Change change, Owner owner, LoginProfileEntity profile, String hash) {
        Uni<Void> stored = Uni.createFrom().voidItem();
        if (hash != null) {
            profile.passwordHash = hash;
            profile.passwordChangedAt = change.now();
            stored = rules.remember(owner.principalId(), hash, change.now());
        }
        return stored.chain(() -> change.emit(new IdentityEvent.LoginProfileUpdated(owner.principalId(), owner.userName(),
                hash != null, profile.passwordResetRequired)));
    }

    /** Another request changed the password between this one's checks and its write. */
    private static void unchangedSince(LoginProfileEntity before, LoginProfileEntity now, Owner owner, String accountId) {
        unchangedSince(before.passwordHash, now, owner, accountId);
    }

    private static void unchangedSince(String hashBefore, LoginProfileEntity now, Owner owner, String accountId) {
        if (!hashBefore.equals(now.passwordHash)) {
            throw new IamException(ErrorCode.ENTITY_TEMPORARILY_UNMODIFIABLE, "Login Profile for User "
                    + owner.shownName(accountId) + " changed while this request was processed; retry the request.");
        }
    }

    private Uni<Owner> owner(String accountId, String userName) {
        return userName == null ? Uni.createFrom().item(new Owner(accountId, null, null))
                : users.require(accountId, userName).map(user -> new Owner(user.userId, user.userId, user.userName));
    }

    private Uni<LoginProfileEntity> require(String accountId, Owner owner) {
        return profiles.findById(owner.principalId()).onItem().ifNull().failWith(() -> IamException.noSuchEntity(
                "Login Profile for User " + owner.shownName(accountId) + " cannot be found."));
    }

    private static LoginProfile view(LoginProfileEntity profile, Owner owner) {
        return new LoginProfile(owner.userName(), profile.createdAt, profile.passwordResetRequired);
    }

    private static void validateName(String userName) {
        if (userName != null) {
            Rules.name("userName", userName, 64);
        }
    }
}
