package dev.openiam.identity.loginprofile.domain;

import dev.openiam.audittrail.ConsoleLogins;
import dev.openiam.identity.account.AccountAliasService;
import dev.openiam.identity.account.AccountRepository;
import dev.openiam.identity.loginprofile.persistence.LoginProfileEntity;
import dev.openiam.identity.loginprofile.persistence.LoginProfileRepository;
import dev.openiam.identity.mfa.domain.MfaVerifier;
import dev.openiam.identity.mfa.persistence.MfaDeviceRepository;
import dev.openiam.identity.user.persistence.UserRepository;
import dev.openiam.model.AccountId;
import dev.openiam.model.Arn;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.audit.AuditRecord;
import dev.openiam.outbox.AuditOutbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Checks a console sign-in — the password, then the code of the principal's MFA device when it has one — the one
 * verification the console's sign-in (through sts-service) calls. Every failure that could tell whether the account,
 * the user or a password exists is the same answer, after the same work (a missing profile is verified against a
 * decoy hash). A completed sign-in records PasswordLastUsed and says whether the password must be changed first
 * (PasswordResetRequired, or expired under the policy without HardExpiry); a password expired under HardExpiry no
 * longer signs in. Each attempt of an account that exists leaves CloudTrail's {@code ConsoleLogin} record
 * ({@link ConsoleLogins}) in the audit outbox — a success in the transaction that records PasswordLastUsed — except a
 * right password still waiting for its MFA code.
 */
@ApplicationScoped
public class SignInService {

    static final String INCORRECT = "Your authentication information is incorrect. Please try again.";
    /** AWS's answer to an MFA code it does not accept. */
    static final String MFA_FAILED = "MultiFactorAuthentication failed with invalid MFA one time pass code.";

    private final AccountRepository accounts;
    private final AccountAliasService aliases;
    private final UserRepository users;
    private final LoginProfileRepository profiles;
    private final PasswordRules rules;
    private final Passwords passwords;
    private final PasswordUse use;
    private final MfaDeviceRepository devices;
    private final MfaVerifier mfa;
    private final AuditOutbox audit;

    public SignInService(AccountRepository accounts, AccountAliasService aliases, UserRepository users,
                         LoginProfileRepository profiles, PasswordRules rules, Passwords passwords, PasswordUse use,
                         MfaDeviceRepository devices, MfaVerifier mfa, AuditOutbox audit) {
        this.accounts = accounts;
        this.aliases = aliases;
        this.users = users;
        this.profiles = profiles;
        this.rules = rules;
        this.passwords = passwords;
        this.use = use;
        this.devices = devices;
        this.mfa = mfa;
        this.audit = audit;
    }

    /**
     * Who signed in, whether the password must be changed before anything else, the serial number of the principal's
     * MFA device ({@code null} without one) and whether its code was verified: a device's serial without
     * {@code mfaAuthenticated} means the code must follow (nothing is recorded yet).
     */
    public record SignedIn(String accountId, String arn, String principalId, String userName, boolean root,
                           boolean passwordResetRequired, boolean passwordExpired, String mfaSerial, boolean mfaAuthenticated) {
    }

    private record Candidate(String accountId, String principalId, String arn, String userName, LoginProfileEntity profile) {

        ConsoleLogins.Principal principal() {
            return new ConsoleLogins.Principal(accountId, principalId, arn, userName);
        }
    }

    /**
     * @param account  the account id or its alias
     * @param userName the IAM user, or {@code null} for the account's root user
     * @param mfaCode  the code of the principal's MFA device, or {@code null} (none yet)
     * @param origin   where the person signs in from, for the record
     */
    public Uni<SignedIn> signIn(String account, String userName, String password, String mfaCode, ConsoleLogins.Origin origin) {
        if (account == null || password == null || password.isEmpty() || password.length() > 128) {
            throw new IamException(ErrorCode.ACCESS_DENIED, INCORRECT);
        }
        Instant now = Instant.now();
        return Panache.withSession(() -> candidate(account, userName)).chain(found -> {
            LoginProfileEntity profile = found.candidate() == null ? null : found.candidate().profile();
            return passwords.verify(password, profile == null ? null : profile.passwordHash).chain(matches -> {
                Candidate candidate = found.candidate();
                if (!matches) {
                    AuditRecord record = found.accountId() == null ? null
                            : candidate == null ? ConsoleLogins.noSuchUser(found.accountId(), origin)
                            : ConsoleLogins.failure(candidate.principal(), false, origin);
                    return refuse(record, INCORRECT);
                }
                return Panache.withSession(() -> rules.effective(candidate.accountId())).chain(policy -> {
                    boolean expired = candidate.userName() != null && PasswordRules.expired(profile, policy, now);
                    if (expired && Boolean.TRUE.equals(policy.hardExpiry())) {
                        return refuse(ConsoleLogins.failure(candidate.principal(), false, origin),
                                "Your password has expired; an administrator must reset it.");
                    }
                    return Panache.withSession(() -> devices.assignedTo(candidate.accountId(),
                                    candidate.userName() == null ? null : candidate.principalId()))
                            .map(assigned -> assigned.stream().filter(d -> d.enabledAt != null).map(d -> d.serialNumber).findFirst()
                                    .orElse(null))
                            .chain(serial -> {
                                SignedIn signedIn = new SignedIn(candidate.accountId(), candidate.arn(), candidate.principalId(),
                                        candidate.userName(), candidate.userName() == null, profile.passwordResetRequired, expired,
                                        serial, false);
                                if (serial == null) {
                                    return complete(signedIn, candidate, false, now, origin);
                                }
                                if (mfaCode == null) {
                                    return Uni.createFrom().item(signedIn);
                                }
                                return verified(candidate, serial, mfaCode).chain(ok -> ok
                                        ? complete(signedIn, candidate, true, now, origin)
                                        : refuse(ConsoleLogins.failure(candidate.principal(), true, origin), MFA_FAILED));
                            });
                });
            });
        });
    }

    /** Whether {@code code} is the device's (and the device the principal's); a wrong code is {@code false}. */
    private Uni<Boolean> verified(Candidate candidate, String serial, String code) {
        if (code == null || !code.matches("\\d{6}")) {
            return Uni.createFrom().item(false);
        }
        return Uni.createFrom().deferred(() -> mfa.verify(candidate.accountId(), serial, code))
                .map(owner -> owner.arn().equals(candidate.arn()))
                // a wrong, stale or replayed code, or a device gone meanwhile: the one failure; anything else fails the call
                .onFailure(failure -> failure instanceof IamException e && (e.code() == ErrorCode.INVALID_AUTHENTICATION_CODE
                        || e.code() == ErrorCode.NO_SUCH_ENTITY || e.code() == ErrorCode.VALIDATION_ERROR))
                .recoverWithItem(false);
    }

    /** The sign-in is done: PasswordLastUsed and the record of its success commit together. */
    private Uni<SignedIn> complete(SignedIn signedIn, Candidate candidate, boolean mfaUsed, Instant now, ConsoleLogins.Origin origin) {
        AuditRecord record = ConsoleLogins.success(candidate.principal(), mfaUsed, origin);
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> use.signedIn(session, candidate.accountId(),
                        candidate.principalId(), now).chain(() -> audit.append(session, record))))
                .invoke(audit::wakeUp)
                .replaceWith(new SignedIn(signedIn.accountId(), signedIn.arn(), signedIn.principalId(), signedIn.userName(),
                        signedIn.root(), signedIn.passwordResetRequired(), signedIn.passwordExpired(), signedIn.mfaSerial(), mfaUsed));
    }

    /** AccessDenied with {@code message}, once the attempt's record (if it has an account to be recorded in) is stored. */
    private Uni<SignedIn> refuse(AuditRecord record, String message) {
        Uni<Void> stored = record == null ? Uni.createFrom().voidItem() : audit.record(record);
        return stored.chain(() -> Uni.createFrom().failure(new IamException(ErrorCode.ACCESS_DENIED, message)));
    }

    /** The account the sign-in names ({@code null} if none) and the principal ({@code null} if none by that name). */
    private record Found(String accountId, Candidate candidate) {
    }

    private Uni<Found> candidate(String account, String userName) {
        Uni<String> accountId = AccountId.isValid(account)
                ? accounts.findById(account).map(found -> found == null ? null : found.accountId)
                : aliases.findById(account).map(alias -> alias == null ? null : alias.accountId);
        return accountId.chain(id -> {
            if (id == null) {
                return Uni.createFrom().item(new Found(null, null));
            }
            if (userName == null) {
                return profiles.findById(id).map(profile -> new Found(id,
                        new Candidate(id, id, Arn.root(AccountId.of(id)).toString(), null, profile)));
            }
            return users.findByName(id, userName).chain(user -> user == null ? Uni.createFrom().item(new Found(id, null))
                    : profiles.findById(user.userId).map(profile -> new Found(id,
                    new Candidate(id, user.userId, user.arn, user.userName, profile))));
        });
    }
}
