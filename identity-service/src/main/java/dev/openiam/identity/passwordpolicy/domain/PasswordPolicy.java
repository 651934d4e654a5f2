package dev.openiam.identity.passwordpolicy.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * An account password policy, as botocore's {@code PasswordPolicy} shape has it; {@code maxPasswordAge},
 * {@code passwordReusePrevention} and {@code hardExpiry} are {@code null} when not set. {@link #AWS_DEFAULT} is what
 * applies when an account has set none: at least 8 characters and three of the four character types, as AWS
 * documents its default policy.
 */
public record PasswordPolicy(int minimumPasswordLength, boolean requireSymbols, boolean requireNumbers,
                             boolean requireUppercaseCharacters, boolean requireLowercaseCharacters,
                             boolean allowUsersToChangePassword, Integer maxPasswordAge, Integer passwordReusePrevention,
                             Boolean hardExpiry) {

    /** The symbols AWS counts for {@code RequireSymbols}. */
    public static final String SYMBOLS = "!@#$%^&*()_+-=[]{}|'";

    /** The rules of an account that set no policy (never stored; GetAccountPasswordPolicy answers NoSuchEntity). */
    public static final PasswordPolicy AWS_DEFAULT = new PasswordPolicy(8, false, false, false, false, false, null, null, null);

    private static final int DEFAULT_TYPES_REQUIRED = 3;

    /** Whether passwords expire ({@code ExpirePasswords}). */
    public boolean expirePasswords() {
        return maxPasswordAge != null;
    }

    /** What {@code password} lacks under this policy (AWS's sentences), empty if it complies. */
    public List<String> violations(String password) {
        List<String> missing = new ArrayList<>();
        if (password.length() < minimumPasswordLength) {
            missing.add("Password should have a minimum length of " + minimumPasswordLength);
        }
        boolean upper = password.chars().anyMatch(c -> c >= 'A' && c <= 'Z');
        boolean lower = password.chars().anyMatch(c -> c >= 'a' && c <= 'z');
        boolean number = password.chars().anyMatch(c -> c >= '0' && c <= '9');
        boolean symbol = password.chars().anyMatch(c -> SYMBOLS.indexOf(c) >= 0);
        if (this == AWS_DEFAULT) {
            int types = (upper ? 1 : 0) + (lower ? 1 : 0) + (number ? 1 : 0) + (symbol ? 1 : 0);
            if (types < DEFAULT_TYPES_REQUIRED) {
                missing.add("Password should have at least three of uppercase letters, lowercase letters, numbers and symbols");
            }
            return missing;
        }
        if (requireUppercaseCharacters && !upper) {
            missing.add("Password should have at least one uppercase letter");
        }
        if (requireLowercaseCharacters && !lower) {
            missing.add("Password should have at least one lowercase letter");
        }
        if (requireNumbers && !number) {
            missing.add("Password should have at least one number");
        }
        if (requireSymbols && !symbol) {
            missing.add("Password should have at least one symbol");
        }
        return missing;
    }
}
