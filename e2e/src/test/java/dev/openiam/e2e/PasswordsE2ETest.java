package dev.openiam.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.LoginProfile;
import software.amazon.awssdk.services.iam.model.PasswordPolicy;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Console passwords and the account password policy through the unchanged SDK v2, in an account of their own (the
 * policy is account-wide): every rule violated once, reuse, ChangePassword as the user, the root's own password.
 */
@ExtendWith(LocalSystem.class)
class PasswordsE2ETest {

    static FreshAccount account;
    static IamClient root;
    final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void account() {
        account = FreshAccount.create();
        root = account.root();
    }

    /** After every test of the class: whatever they sent, no service log line carries a password. */
    @AfterAll
    static void closeAndCheckTheLogs() throws IOException {
        root.close();
        List<String> passwords = List.of("First-pass-1", "Second-pass-2", "Password-one-1", "Initial-pass-1", "Changed-pass-2",
                "Root-password-1", "Zażółć-gęślą-1", "Short-pw-1!");
        try (Stream<Path> logs = Files.list(LocalSystem.get().logsDir())) {
            for (Path log : logs.toList()) {
                String text = Files.readString(log);
                for (String password : passwords) {
                    assertThat(text).as(log.toString()).doesNotContain(password);
                }
            }
        }
    }

    @Test
    void loginProfileLifecycle() {
        String user = "pw-" + run;
        root.createUser(b -> b.userName(user));
        LoginProfile created = root.createLoginProfile(b -> b.userName(user).password("First-pass-1").passwordResetRequired(true)).loginProfile();
        assertThat(created.userName()).isEqualTo(user);
        assertThat(created.passwordResetRequired()).isTrue();
        assertThat(created.createDate()).isNotNull();
        assertThat(root.getLoginProfile(b -> b.userName(user)).loginProfile().passwordResetRequired()).isTrue();

        root.updateLoginProfile(b -> b.userName(user).passwordResetRequired(false));
        assertThat(root.getLoginProfile(b -> b.userName(user)).loginProfile().passwordResetRequired()).isFalse();
        root.updateLoginProfile(b -> b.userName(user).password("Second-pass-2"));

        error(() -> root.createLoginProfile(b -> b.userName(user).password("Another-pass-3")), 409, "EntityAlreadyExists");
        error(() -> root.deleteUser(b -> b.userName(user)), 409, "DeleteConflict", "must delete login profile first");
        root.deleteLoginProfile(b -> b.userName(user));
        error(() -> root.getLoginProfile(b -> b.userName(user)), 404, "NoSuchEntity");
        error(() -> root.deleteLoginProfile(b -> b.userName(user)), 404, "NoSuchEntity");
        error(() -> root.updateLoginProfile(b -> b.userName(user).password("Third-pass-3")), 404, "NoSuchEntity");
        error(() -> root.createLoginProfile(b -> b.userName("nobody-" + run).password("First-pass-1")), 404, "NoSuchEntity");
        // the password's own rules: 1–128 characters of TAB, LF, CR and U+0020–U+00FF; never echoed
        String message = error(() -> root.createLoginProfile(b -> b.userName(user).password("Zażółć-gęślą-1")), 400, "ValidationError");
        assertThat(message).doesNotContain("gęślą");
        error(() -> root.createLoginProfile(b -> b.userName(user).password("A1-" + "x".repeat(126))), 400, "ValidationError");
        root.deleteUser(b -> b.userName(user));
    }

    @Test
    void accountPasswordPolicyEveryFieldAndEveryRule() {
        try {
            error(() -> root.getAccountPasswordPolicy(), 404, "NoSuchEntity");
            // without a policy AWS's default applies: at least 8 characters, three of four character types
            String user = "rules-" + run;
            root.createUser(b -> b.userName(user));
            error(() -> root.createLoginProfile(b -> b.userName(user).password("Ab1!")), 400, "PasswordPolicyViolation");
            error(() -> root.createLoginProfile(b -> b.userName(user).password("abcdefgh12")), 400, "PasswordPolicyViolation");

            root.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(12).requireSymbols(true).requireNumbers(true)
                    .requireUppercaseCharacters(true).requireLowercaseCharacters(true).allowUsersToChangePassword(true)
                    .maxPasswordAge(90).passwordReusePrevention(2).hardExpiry(false));
            PasswordPolicy policy = root.getAccountPasswordPolicy().passwordPolicy();
            assertThat(policy.minimumPasswordLength()).isEqualTo(12);
            assertThat(List.of(policy.requireSymbols(), policy.requireNumbers(), policy.requireUppercaseCharacters(),
                    policy.requireLowercaseCharacters(), policy.allowUsersToChangePassword(), policy.expirePasswords()))
                    .containsOnly(true);
            assertThat(policy.maxPasswordAge()).isEqualTo(90);
            assertThat(policy.passwordReusePrevention()).isEqualTo(2);
            assertThat(policy.hardExpiry()).isFalse();

            Stream.of(
                    new String[]{"Short-pw-1!", "minimum length of 12"},
                    new String[]{"no-uppercase-1!", "uppercase"},
                    new String[]{"NO-LOWERCASE-1!", "lowercase"},
                    new String[]{"No-numbers-here!", "number"},
                    new String[]{"NoSymbolsHere123", "symbol"}
            ).forEach(c -> assertThat(error(() -> root.createLoginProfile(b -> b.userName(user).password(c[0])), 400,
                    "PasswordPolicyViolation")).contains(c[1]).doesNotContain(c[0]));
            error(() -> root.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(5)), 400, "ValidationError");
            error(() -> root.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(129)), 400, "ValidationError");
            error(() -> root.updateAccountPasswordPolicy(b -> b.maxPasswordAge(1096)), 400, "ValidationError");
            error(() -> root.updateAccountPasswordPolicy(b -> b.passwordReusePrevention(25)), 400, "ValidationError");
            assertThat(root.getAccountPasswordPolicy().passwordPolicy()).isEqualTo(policy);

            // reuse: the last two passwords are refused, the third before is free again
            root.createLoginProfile(b -> b.userName(user).password("Password-one-1"));
            root.updateLoginProfile(b -> b.userName(user).password("Password-two-2"));
            assertThat(error(() -> root.updateLoginProfile(b -> b.userName(user).password("Password-one-1")), 400,
                    "PasswordPolicyViolation")).contains("previous 2");
            error(() -> root.updateLoginProfile(b -> b.userName(user).password("Password-two-2")), 400, "PasswordPolicyViolation");
            root.updateLoginProfile(b -> b.userName(user).password("Password-three-3"));
            root.updateLoginProfile(b -> b.userName(user).password("Password-one-1"));

            // an omitted field goes back to its default, as UpdateAccountPasswordPolicy replaces the whole policy
            root.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(6));
            PasswordPolicy minimal = root.getAccountPasswordPolicy().passwordPolicy();
            assertThat(minimal.minimumPasswordLength()).isEqualTo(6);
            assertThat(minimal.requireSymbols()).isFalse();
            assertThat(minimal.expirePasswords()).isFalse();
            assertThat(minimal.maxPasswordAge()).isNull();
            assertThat(minimal.passwordReusePrevention()).isNull();
            root.deleteLoginProfile(b -> b.userName(user));
            root.deleteUser(b -> b.userName(user));
        } finally {
            try {
                root.deleteAccountPasswordPolicy();
            } catch (IamException ignored) {
                // none was left
            }
        }
        error(() -> root.deleteAccountPasswordPolicy(), 404, "NoSuchEntity");
        error(() -> root.getAccountPasswordPolicy(), 404, "NoSuchEntity");
    }

    @Test
    void usersChangeTheirOwnPasswordWhenThePolicyLetsThemAndAnExplicitDenyStillWins() {
        String user = "self-" + run;
        root.createUser(b -> b.userName(user));
        root.createLoginProfile(b -> b.userName(user).password("Initial-pass-1").passwordResetRequired(true));
        AccessKey key = root.createAccessKey(b -> b.userName(user)).accessKey();
        try (IamClient self = Clients.iam(key.accessKeyId(), key.secretAccessKey())) {
            // no policy lets the user, and the account does not let users change their passwords
            error(() -> self.changePassword(b -> b.oldPassword("Initial-pass-1").newPassword("Changed-pass-2")), 403, "AccessDenied");

            root.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(8).allowUsersToChangePassword(true));
            error(() -> self.changePassword(b -> b.oldPassword("Wrong-pass-0").newPassword("Changed-pass-2")), 403, "AccessDenied");
            self.changePassword(b -> b.oldPassword("Initial-pass-1").newPassword("Changed-pass-2"));
            assertThat(root.getLoginProfile(b -> b.userName(user)).loginProfile().passwordResetRequired()).isFalse();
            // the setting also lets users read the rules they must follow
            assertThat(self.getAccountPasswordPolicy().passwordPolicy().allowUsersToChangePassword()).isTrue();
            // but nothing else
            error(() -> self.getLoginProfile(b -> b.userName(user)), 403, "AccessDenied");

            root.putUserPolicy(b -> b.userName(user).policyName("no-self-service").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"iam:ChangePassword\",\"Resource\":\"*\"}]}"));
            error(() -> self.changePassword(b -> b.oldPassword("Changed-pass-2").newPassword("Changed-pass-3")), 403, "AccessDenied");
            root.deleteUserPolicy(b -> b.userName(user).policyName("no-self-service"));
            self.changePassword(b -> b.oldPassword("Changed-pass-2").newPassword("Changed-pass-3"));
        } finally {
            root.deleteAccountPasswordPolicy();
        }
        // the root user's password is set with UpdateLoginProfile, not ChangePassword
        error(() -> root.changePassword(b -> b.oldPassword("Changed-pass-3").newPassword("Changed-pass-4")), 400, "InvalidUserType");
        root.deleteAccessKey(b -> b.userName(user).accessKeyId(key.accessKeyId()));
        root.deleteLoginProfile(b -> b.userName(user));
        root.deleteUser(b -> b.userName(user));
    }

    @Test
    void theRootUserHasAPasswordOfItsOwn() {
        root.createLoginProfile(b -> b.password("Root-password-1"));
        LoginProfile profile = root.getLoginProfile(b -> { }).loginProfile();
        assertThat(profile.userName()).isNull();
        assertThat(profile.createDate()).isNotNull();
        root.updateLoginProfile(b -> b.password("Root-password-2"));
        error(() -> root.createLoginProfile(b -> b.password("Root-password-3")), 409, "EntityAlreadyExists");
        root.deleteLoginProfile(b -> { });
        error(() -> root.getLoginProfile(b -> { }), 404, "NoSuchEntity");
    }

    /** Asserts the AWS error of {@code call}; answers its message. */
    static String error(Executable call, int status, String code, String... messageParts) {
        IamException e = (IamException) org.junit.jupiter.api.Assertions.assertThrows(IamException.class, call);
        assertThat(e.statusCode()).as(e.getMessage()).isEqualTo(status);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        for (String part : messageParts) {
            assertThat(e.awsErrorDetails().errorMessage()).contains(part);
        }
        return e.awsErrorDetails().errorMessage();
    }
}
