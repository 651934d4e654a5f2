package dev.openiam.identity.mfa.domain;

import dev.openiam.identity.account.AccountRepository;
import dev.openiam.identity.mfa.persistence.MfaDeviceEntity;
import dev.openiam.identity.user.persistence.UserEntity;
import dev.openiam.identity.user.persistence.UserRepository;
import dev.openiam.model.AccountId;
import dev.openiam.model.Arn;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The users and root users MFA devices are assigned to, as {@link MfaOwner}s. */
@ApplicationScoped
class MfaOwners {

    private final UserRepository users;
    private final AccountRepository accounts;

    MfaOwners(UserRepository users, AccountRepository accounts) {
        this.users = users;
        this.accounts = accounts;
    }

    /** The user named {@code userName} (NoSuchEntity if there is none), or the account's root when it is {@code null}. */
    Uni<MfaOwner> require(String accountId, String userName) {
        return userName == null ? root(accountId) : users.require(accountId, userName).map(MfaOwners::of);
    }

    /** Who {@code device} is assigned to, or {@code null}. */
    Uni<MfaOwner> of(MfaDeviceEntity device) {
        if (device.root) {
            return root(device.accountId);
        }
        return device.userId == null ? Uni.createFrom().nullItem() : users.findById(device.userId).map(MfaOwners::of);
    }

    private Uni<MfaOwner> root(String accountId) {
        return accounts.findById(accountId).map(account -> new MfaOwner(accountId, null, "/",
                Arn.root(AccountId.of(accountId)).toString(), account.createdAt, true));
    }

    static MfaOwner of(UserEntity user) {
        return new MfaOwner(user.userId, user.userName, user.path, user.arn, user.createdAt, false);
    }

    /** Whether {@code device} is assigned to {@code owner}. */
    static boolean assignedTo(MfaDeviceEntity device, MfaOwner owner) {
        return owner.root() ? device.root : owner.userId().equals(device.userId);
    }
}
