package dev.openiam.identity.passwordpolicy.persistence;

import dev.openiam.identity.passwordpolicy.domain.PasswordPolicy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An account's password policy; no row: none is set. */
@Entity
@Table(name = "password_policies")
public class PasswordPolicyEntity {

    @Id
    @Column(name = "account_id")
    public String accountId;

    @Column(name = "minimum_password_length")
    public int minimumPasswordLength;

    @Column(name = "require_symbols")
    public boolean requireSymbols;

    @Column(name = "require_numbers")
    public boolean requireNumbers;

    @Column(name = "require_uppercase_characters")
    public boolean requireUppercaseCharacters;

    @Column(name = "require_lowercase_characters")
    public boolean requireLowercaseCharacters;

    @Column(name = "allow_users_to_change_password")
    public boolean allowUsersToChangePassword;

    @Column(name = "max_password_age")
    public Integer maxPasswordAge;

    @Column(name = "password_reuse_prevention")
    public Integer passwordReusePrevention;

    @Column(name = "hard_expiry")
    public Boolean hardExpiry;

    public PasswordPolicy toPolicy() {
        return new PasswordPolicy(minimumPasswordLength, requireSymbols, requireNumbers, requireUppercaseCharacters,
                requireLowercaseCharacters, allowUsersToChangePassword, maxPasswordAge, passwordReusePrevention, hardExpiry);
    }

    public void set(PasswordPolicy policy) {
        minimumPasswordLength = policy.minimumPasswordLength();
        requireSymbols = policy.requireSymbols();
        requireNumbers = policy.requireNumbers();
        requireUppercaseCharacters = policy.requireUppercaseCharacters();
        requireLowercaseCharacters = policy.requireLowercaseCharacters();
        allowUsersToChangePassword = policy.allowUsersToChangePassword();
        maxPasswordAge = policy.maxPasswordAge();
        passwordReusePrevention = policy.passwordReusePrevention();
        hardExpiry = policy.hardExpiry();
    }
}
