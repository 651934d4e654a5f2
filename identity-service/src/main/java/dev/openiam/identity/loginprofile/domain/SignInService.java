package dev.openiam.identity.loginprofile.domain;

import dev.openiam.identity.account.AccountAliasService;
import dev.openiam.identity.account.AccountRepository;
import dev.openiam.identity.loginprofile.persistence.LoginProfileEntity;
import dev.openiam.identity.loginprofile.persistence.LoginProfileRepository;
import dev.openiam.identity.mfa.persistence.MfaDeviceRepository;
import dev.openiam.identity.user.persistence.UserRepository;
import dev.openiam.model.AccountId;
import dev.openiam.model.Arn;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Checks a console password — the one verification the console's sign-in (and sts-service) call. Every failure
 * that could tell whether the account, the user or a password exists is the same answer, after the same work (a
 * missing profile is verified against a decoy hash). A success records PasswordLastUsed and says whether the
 * password must be changed first (PasswordResetRequired, or expired under the policy without HardExpiry); a
 * password expired under HardExpiry no longer signs in.
 */
@ApplicationScoped
public class SignInService {

    static final String INCORRECT = "Your authentication information is incorrect. Please try again.";

    private final AccountRepository accounts;
    private final AccountAliasService aliases;
    private final UserRepository users;
    private final LoginProfileRepository profiles;
    private final PasswordRules rules;
    private final Passwords passwords;
    private final PasswordUse use;
    private final MfaDeviceRepository devices;

    public SignInService(AccountRepository accounts, AccountAliasService aliases, UserRepository users,
                         LoginProfileRepository profiles, PasswordRules rules, Passwords passwords, PasswordUse use,
                         MfaDeviceRepository devices) {
        this.accounts = accounts;
        this.aliases = aliases;
        this.users = users;
        this.profiles = profiles;
        this.rules = rules;
        this.passwords = passwords;
        this.use = use;
        this.devices = devices;
    }

    /**
     * Who signed in, whether the password must be changed before anything else, and the serial number of the MFA
     * device whose code must follow ({@code null} without one).
     */
    public record SignedIn(String accountId, String arn, String principalId, String userName, boolean root,
                           boolean passwordResetRequired, boolean passwordExpired, String mfaSerial) {
    }

    private record Candidate(String accountId, String principalId, String arn, String userName, LoginProfileEntity profile) {
    }

    /**
     * @param account  the account id or its alias
     * @param userName the IAM user, or {@code null} for the account's root user
     */
    public Uni<SignedIn> signIn(String account, String userName, String password) {
        if (account == null || password == null || password.isEmpty() || password.length() > 128) {
            throw new IamException(ErrorCode.ACCESS_DENIED, INCORRECT);
        }
        Instant now = Instant.now();
        return Panache.withSession(() -> candidate(account, userName)).chain(candidate -> {
            LoginProfileEntity profile = candidate == null ? null : candidate.profile();
            return passwords.verify(password, profile == null ? null : profile.passwordHash).chain(matches -> {
                if (!matches) {
                    return Uni.createFrom().failure(new IamException(ErrorCode.ACCESS_DENIED, INCORRECT));
                }
                return Panache.withSession(() -> rules.effective(candidate.accountId())).chain(policy -> {
                    boolean expired = candidate.userName() != null && PasswordRules.expired(profile, policy, now);
                    if (expired && Boolean.TRUE.equals(policy.hardExpiry())) {
                        return Uni.createFrom().failure(new IamException(ErrorCode.ACCESS_DENIED,
                                "Your password has expired; an administrator must reset it."));
                    }
                    return use.signedIn(candidate.accountId(), candidate.principalId(), now)
                            .chain(ignored -> Panache.withSession(() -> devices.assignedTo(candidate.accountId(),
                                    candidate.userName() == null ? null : candidate.principalId())))
                            .map(assigned -> new SignedIn(candidate.accountId(), candidate.arn(), candidate.principalId(),
                                    candidate.userName(), candidate.userName() == null, profile.passwordResetRequired, expired,
                                    assigned.stream().filter(d -> d.enabledAt != null).map(d -> d.serialNumber).findFirst()
                                            .orElse(null)));
                });
            });
        });
    }

    private Uni<Candidate> candidate(String account, String userName) {
        Uni<String> accountId = AccountId.isValid(account)
                ? accounts.findById(account).map(found -> found == null ? null : found.accountId)
                : aliases.findById(account).map(alias -> alias == null ? null : alias.accountId);
        return accountId.chain(id -> {
            if (id == null) {
                return Uni.createFrom().nullItem();
            }
            if (userName == null) {
                return profiles.findById(id).map(profile -> new Candidate(id, id, Arn.root(AccountId.of(id)).toString(), null, profile));
            }
            return users.findByName(id, userName).chain(user -> user == null ? Uni.createFrom().nullItem()
                    : profiles.findById(user.userId).map(profile -> new Candidate(id, user.userId, user.arn, user.userName, profile)));
        });
    }
}
