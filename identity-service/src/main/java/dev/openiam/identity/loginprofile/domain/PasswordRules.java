package dev.openiam.identity.loginprofile.domain;

import dev.openiam.identity.loginprofile.persistence.LoginProfileEntity;
import dev.openiam.identity.loginprofile.persistence.PasswordHistoryEntity;
import dev.openiam.identity.loginprofile.persistence.PasswordHistoryRepository;
import dev.openiam.identity.passwordpolicy.domain.PasswordPolicy;
import dev.openiam.identity.passwordpolicy.domain.PasswordPolicyService;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The account password policy applied to a new password: its character rules, then its reuse rule against the
 * principal's kept hashes (the current one included). Up to 24 hashes are kept per principal, the most a policy can
 * ask to compare.
 */
@ApplicationScoped
public class PasswordRules {

    static final int HISTORY_KEPT = 24;

    private final PasswordPolicyService policies;
    private final PasswordHistoryRepository history;
    private final Passwords passwords;

    public PasswordRules(PasswordPolicyService policies, PasswordHistoryRepository history, Passwords passwords) {
        this.policies = policies;
        this.history = history;
        this.passwords = passwords;
    }

    public Uni<PasswordPolicy> effective(String accountId) {
        return policies.effective(accountId);
    }

    /** Fails with {@code PasswordPolicyViolation} unless {@code password} may be the principal's next password. */
    public Uni<Void> check(String accountId, String principalId, String password) {
        return policies.effective(accountId).chain(policy -> check(policy, principalId, password));
    }

    /** {@link #check(String, String, String)} under a policy already read. */
    public Uni<Void> check(PasswordPolicy policy, String principalId, String password) {
        List<String> violations = policy.violations(password);
        if (!violations.isEmpty()) {
            return Uni.createFrom().failure(new IamException(ErrorCode.PASSWORD_POLICY_VIOLATION, String.join("; ", violations)));
        }
        Integer reuse = policy.passwordReusePrevention();
        if (reuse == null) {
            return Uni.createFrom().voidItem();
        }
        return history.latest(principalId, reuse).chain(hashes -> passwords.anyMatches(password, hashes)).chain(used -> used
                ? Uni.createFrom().failure(new IamException(ErrorCode.PASSWORD_POLICY_VIOLATION,
                        "Password should not be one of the previous " + reuse + " passwords"))
                : Uni.createFrom().voidItem());
    }

    /** Keeps {@code hash} as the principal's newest password. */
    public Uni<Void> remember(String principalId, String hash, Instant at) {
        PasswordHistoryEntity row = new PasswordHistoryEntity();
        row.principalId = principalId;
        row.passwordHash = hash;
        row.changedAt = at;
        return history.persist(row).chain(() -> history.trim(principalId, HISTORY_KEPT)).replaceWithVoid();
    }

    /** When the password stops working under {@code policy}'s MaxPasswordAge, or {@code null} if it never does. */
    public static Instant expiresAt(LoginProfileEntity profile, PasswordPolicy policy) {
        return policy.maxPasswordAge() == null ? null : profile.passwordChangedAt.plus(Duration.ofDays(policy.maxPasswordAge()));
    }

    public static boolean expired(LoginProfileEntity profile, PasswordPolicy policy, Instant now) {
        Instant expires = expiresAt(profile, policy);
        return expires != null && !now.isBefore(expires);
    }
}
