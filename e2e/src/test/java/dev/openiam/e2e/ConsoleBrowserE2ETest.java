package dev.openiam.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The console in a real browser (Debian's chromium, headless, driven by Selenium), as a person uses it: root signs
 * in, creates a group with a policy, a user with a console password who must reset it, a role for EC2 with a policy,
 * downloads the credential report, signs out; the user signs in, must change the password first, meets AccessDenied
 * for an action the group does not allow; root assigns the user an MFA device from the QR code on the page; signing in
 * then asks for its code. A screenshot of each step is saved under target/screenshots/console.
 */
@ExtendWith(LocalSystem.class)
class ConsoleBrowserE2ETest {

    static final Path SHOTS = Path.of("target/screenshots/console");
    static final Path DOWNLOADS = Path.of("target/downloads/console").toAbsolutePath();
    static ChromeDriver browser;
    static IamClient root;
    static final AtomicInteger STEP = new AtomicInteger();
    final String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

    @BeforeAll
    static void browser() throws IOException {
        RequiredClients.chromium();
        for (Path dir : List.of(SHOTS, DOWNLOADS)) {
            Files.createDirectories(dir);
            try (var old = Files.list(dir)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        }
        ChromeOptions options = new ChromeOptions().setBinary(RequiredClients.CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000")
                .setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
                        "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(RequiredClients.CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        // an element of a page still loading is waited for
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
        root = Clients.root();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
        if (root != null) {
            root.close();
        }
    }

    static String url(String path) {
        return LocalSystem.get().consoleEndpoint().resolve(path).toString();
    }

    static void shot(String name) throws IOException {
        Files.write(SHOTS.resolve(String.format("%02d-%s.png", STEP.incrementAndGet(), name)), browser.getScreenshotAs(OutputType.BYTES));
    }

    static WebElement find(String id) {
        return browser.findElement(By.id(id));
    }

    /**
     * Clicks a form's submit button and waits until the browser has left the page (the button is gone), so the next
     * step never races the form's navigation.
     */
    static void submit(String id) {
        WebElement button = find(id);
        button.click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(driver -> gone(button));
    }

    /**
     * Whether {@code element} no longer belongs to the page shown. Chromium 150's driver answers a question about an
     * element of the page just left with "Node with given id does not belong to the document" instead of a stale
     * element reference: both mean the browser has moved on.
     */
    static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    static void type(String id, String text) {
        WebElement field = find(id);
        field.clear();
        field.sendKeys(text);
    }

    static void signIn(String userName, String password) {
        browser.get(url("/signin?account=" + LocalSystem.get().accountId()));
        find(userName == null ? "principal-root" : "principal-user").click();
        if (userName != null) {
            type("userName", userName);
        }
        type("password", password);
        submit("sign-in");
    }

    /** Polls {@code probe} until it gives something (at most 30 s). */
    static <T> T await(java.util.concurrent.Callable<T> probe) throws Exception {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(probe, java.util.Objects::nonNull);
    }

    static void tick(String name, String value) {
        browser.findElement(By.cssSelector("input[name='" + name + "'][value='" + value + "']")).click();
    }

    @Test
    void rootCreatesAGroupAndAUserWhoSignsInChangesThePasswordMeetsAccessDeniedAndUsesMfa() throws Exception {
        try {
            flow();
        } catch (Throwable failure) {
            shot("failure");
            throw failure;
        }
    }

    void flow() throws Exception {
        String account = LocalSystem.get().accountId();
        String group = "readers-" + run;
        String user = "ada-" + run;

        // root signs in: the dashboard names the account and its sign-in URL
        signIn(null, LocalSystem.get().rootPassword());
        assertThat(find("account-id").getText()).isEqualTo(account);
        assertThat(find("sign-in-url").getText()).endsWith("/signin?account=" + account);
        assertThat(find("signed-in-as").getText()).contains("root");
        shot("root-dashboard");

        // a customer-managed policy from the JSON editor: the engine's findings first, an error blocks the create
        String policy = "list-users-" + run;
        browser.get(url("/policies/new"));
        type("policyName", policy);
        type("document", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"iam:ListUsers\"}]}");
        submit("create-policy");
        assertThat(find("findings").getText()).contains("ERROR");
        shot("policy-findings");
        assertThat(root.listPolicies(b -> b.scope("Local")).policies()).noneSatisfy(p -> assertThat(p.policyName()).isEqualTo(policy));
        type("document", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"iam:ListUsers\", \"Resource\": \"*\"}]}");
        submit("create-policy");
        assertThat(find("policy-name").getText()).isEqualTo(policy);
        assertThat(find("policy-document").getText()).contains("iam:ListUsers");
        assertThat(find("default-version").getText()).isEqualTo("v1");

        // a group with IAM read-only access
        browser.get(url("/groups/new"));
        type("groupName", group);
        tick("policy", "arn:aws:iam::aws:policy/IAMReadOnlyAccess");
        shot("create-group");
        submit("create-group");
        assertThat(find("group-name").getText()).isEqualTo(group);
        assertThat(find("group-policies").getText()).contains("IAMReadOnlyAccess");
        assertThat(root.listAttachedGroupPolicies(b -> b.groupName(group)).attachedPolicies())
                .anySatisfy(p -> assertThat(p.policyName()).isEqualTo("IAMReadOnlyAccess"));

        // a user in it with a custom console password that must be reset
        browser.get(url("/users/new"));
        type("userName", user);
        find("consoleAccess").click();
        find("password-custom").click();
        type("password", "First-pass-1!");
        tick("group", group);
        shot("add-user");
        // the review comes first: nothing is made until it is confirmed; Back keeps what was chosen
        submit("review-user");
        assertThat(find("review-name").getText()).isEqualTo(user);
        assertThat(find("review-console").getText()).isEqualTo("Custom password");
        assertThat(find("review-reset").getText()).isEqualTo("Yes");
        assertThat(find("review-policies").getText()).contains(group, "arn:aws:iam::aws:policy/IAMUserChangePassword");
        assertThat(root.listUsers().users()).noneSatisfy(u -> assertThat(u.userName()).isEqualTo(user));
        shot("add-user-review");
        find("back").click();
        assertThat(find("userName").getAttribute("value")).isEqualTo(user);
        assertThat(find("password-custom").isSelected()).isTrue();
        assertThat(browser.findElement(By.cssSelector("input[name='group'][value='" + group + "']")).isSelected()).isTrue();
        type("tags", "team=research");
        // (the custom password typed before is kept: the field is left empty)
        submit("review-user");
        assertThat(find("review-tags").getText()).contains("team", "research");
        submit("create-user");
        assertThat(find("created-user").getText()).isEqualTo(user);
        assertThat(find("created-password").getText()).isEqualTo("First-pass-1!");
        shot("user-created");
        assertThat(root.getLoginProfile(b -> b.userName(user)).loginProfile().passwordResetRequired()).isTrue();
        assertThat(root.listUserTags(b -> b.userName(user)).tags()).extracting(t -> t.key() + "=" + t.value())
                .containsExactly("team=research");
        assertThat(root.listGroupsForUser(b -> b.userName(user)).groups()).singleElement()
                .satisfies(g -> assertThat(g.groupName()).isEqualTo(group));
        browser.get(url("/users/" + user));
        assertThat(find("user-groups").getText()).contains(group);
        assertThat(find("console-password").getText()).isEqualTo("enabled");

        // a role for EC2 with a policy: its trust policy trusts the service, and an instance profile holds it
        String role = "app-" + run;
        browser.get(url("/roles/new"));
        find("trusted-service").click();
        new Select(find("service")).selectByValue("ec2.amazonaws.com");
        tick("policy", "arn:aws:iam::aws:policy/ReadOnlyAccess");
        type("roleName", role);
        shot("create-role");
        submit("create-role");
        assertThat(find("role-name").getText()).isEqualTo(role);
        assertThat(find("trust-policy").getText()).contains("ec2.amazonaws.com").contains("sts:AssumeRole");
        assertThat(find("role-policies").getText()).contains("ReadOnlyAccess");
        assertThat(find("instance-profiles").getText()).contains(":instance-profile/" + role);
        assertThat(root.getInstanceProfile(b -> b.instanceProfileName(role)).instanceProfile().roles())
                .singleElement().satisfies(r -> assertThat(r.roleName()).isEqualTo(role));

        // the credential report, downloaded as AWS's CSV
        browser.get(url("/credential-report"));
        find("download-report").click();
        Path report = await(() -> {
            try (var files = Files.list(DOWNLOADS)) {
                return files.filter(f -> f.toString().endsWith(".csv")).findFirst().orElse(null);
            }
        });
        List<String> rows = Files.readAllLines(report);
        assertThat(rows.get(0)).startsWith("user,arn,user_creation_time,password_enabled,password_last_used,");
        // (a report generated in the last four hours is the one given, as on AWS: this run's user may not be in it yet)
        assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("<root_account>,arn:aws:iam::" + account + ":root,"));

        // (a download leaves the page where it was: go back to one before signing out)
        browser.get(url("/"));
        submit("sign-out");
        assertThat(browser.getCurrentUrl()).contains("/signin");

        // the user signs in and must change the password first
        signIn(user, "First-pass-1!");
        assertThat(browser.getCurrentUrl()).endsWith("/password");
        assertThat(find("reset-required").isDisplayed()).isTrue();
        shot("must-change-password");
        type("oldPassword", "First-pass-1!");
        type("newPassword", "Second-pass-2!");
        type("confirmPassword", "Second-pass-2!");
        submit("change-password");
        assertThat(find("signed-in-as").getText()).contains(user);
        assertThat(find("account-id").getText()).isEqualTo(account);
        shot("user-dashboard");

        // reading is allowed; creating a user is not: AWS's AccessDenied, as the console shows it
        browser.get(url("/users"));
        assertThat(find("users").getText()).contains(user);
        browser.get(url("/users/new"));
        type("userName", "not-allowed-" + run);
        submit("review-user");
        submit("create-user");
        assertThat(find("error-code").getText()).isEqualTo("AccessDenied");
        assertThat(find("error-message").getText()).contains("is not authorized to perform: iam:CreateUser");
        shot("access-denied");
        assertThat(root.listUsers().users()).noneSatisfy(u -> assertThat(u.userName()).isEqualTo("not-allowed-" + run));
        submit("sign-out");

        // root assigns the user an MFA device on the user's page: the QR code and the secret are shown once
        signIn(null, LocalSystem.get().rootPassword());
        browser.get(url("/users/" + user));
        submit("assign-mfa");
        String seed = find("mfa-seed").getText();
        String qr = find("mfa-qr").getAttribute("src");
        assertThat(qr).startsWith("data:image/png;base64,");
        assertThat(Authenticator.seedOf(Authenticator.scan(Base64.getDecoder().decode(qr.substring(qr.indexOf(',') + 1)))))
                .isEqualTo(seed);
        shot("assign-mfa");
        // the current code and the next (one step ahead is within the window even when the request is slow)
        long step = Authenticator.step();
        type("code1", Authenticator.codeAt(seed, step));
        type("code2", Authenticator.codeAt(seed, step + 1));
        submit("enable-mfa");
        assertThat(find("mfa-devices").getText()).contains("arn:aws:iam::" + account + ":mfa/" + user);
        submit("sign-out");

        // with an MFA device, the password is followed by the device's code
        signIn(user, "Second-pass-2!");
        assertThat(browser.getCurrentUrl()).endsWith("/signin");
        shot("mfa-code");
        type("code", Authenticator.codeAt(seed, step + 1));
        submit("verify");
        // a code already used (to enable the device) is refused
        assertThat(find("message").getText()).isEqualTo("MultiFactorAuthentication failed with invalid MFA one time pass code.");
        // the next code is accepted from the step before it on
        Authenticator.awaitStep(step + 1);
        signIn(user, "Second-pass-2!");
        type("code", Authenticator.codeAt(seed, step + 2));
        submit("verify");
        assertThat(find("signed-in-as").getText()).contains(user);
        shot("signed-in-with-mfa");
        submit("sign-out");
    }

    @Test
    void rootManagesAUsersConsolePasswordAndAccessKeysAndUsesTheAccountPages() throws Exception {
        try {
            accountPages();
        } catch (Throwable failure) {
            shot("failure-account-pages");
            throw failure;
        }
    }

    void accountPages() throws Exception {
        String user = "grace-" + run;
        root.createUser(b -> b.userName(user));
        signIn(null, LocalSystem.get().rootPassword());

        // console access on the Security credentials tab: a password the policy refuses shows AWS's error, makes nothing
        browser.get(url("/users/" + user));
        assertThat(find("console-password").getText()).isEqualTo("not enabled");
        find("manage-console-access").click();
        find("console-password-custom").click();
        type("console-password-value", "short");
        submit("enable-console-access");
        assertThat(find("console-password-error-code").getText()).isEqualTo("PasswordPolicyViolation");
        shot("console-password-refused");
        assertThatThrownBy(() -> root.getLoginProfile(b -> b.userName(user))).isInstanceOf(NoSuchEntityException.class);
        // a generated password that must be reset: shown once; IAMUserChangePassword attached, as the wizard does
        find("console-password-generated").click();
        submit("enable-console-access");
        String generated = find("created-password").getText();
        assertThat(generated).hasSize(20);
        assertThat(root.getLoginProfile(b -> b.userName(user)).loginProfile().passwordResetRequired()).isTrue();
        assertThat(root.listAttachedUserPolicies(b -> b.userName(user)).attachedPolicies())
                .anySatisfy(p -> assertThat(p.policyName()).isEqualTo("IAMUserChangePassword"));
        browser.get(url("/users/" + user));
        assertThat(find("console-password").getText()).isEqualTo("enabled");
        assertThat(find("reset-required").isDisplayed()).isTrue();
        shot("console-password");
        // reset to a custom password without a required reset (UpdateLoginProfile)
        find("manage-console-access").click();
        find("console-password-custom").click();
        type("console-password-value", "Reset-pass-" + run + "!");
        find("console-password-reset").click();
        submit("reset-console-password");
        assertThat(find("created-user").getText()).isEqualTo(user);
        assertThat(root.getLoginProfile(b -> b.userName(user)).loginProfile().passwordResetRequired()).isFalse();
        // disable console access (DeleteLoginProfile)
        browser.get(url("/users/" + user));
        submit("disable-console-access");
        assertThat(find("console-password").getText()).isEqualTo("not enabled");
        assertThatThrownBy(() -> root.getLoginProfile(b -> b.userName(user))).isInstanceOf(NoSuchEntityException.class);

        // access keys on the user's page: created (the secret shown once), deactivated, deleted
        submit("create-access-key");
        String key = find("created-key-id").getText();
        assertThat(find("created-secret").getText()).hasSize(40);
        browser.get(url("/users/" + user));
        submit("deactivate-" + key);
        assertThat(root.listAccessKeys(b -> b.userName(user)).accessKeyMetadata()).singleElement()
                .satisfies(k -> assertThat(k.statusAsString()).isEqualTo("Inactive"));
        shot("access-keys");
        submit("delete-" + key);
        assertThat(root.listAccessKeys(b -> b.userName(user)).accessKeyMetadata()).isEmpty();

        // identity providers: an OpenID Connect provider added with its audience
        String issuer = "issuer-" + run + ".example.com";
        browser.get(url("/identity-providers"));
        type("url", "https://" + issuer);
        type("audience", "sts.amazonaws.com");
        type("thumbprints", "9e99a48a9960b14926bb7f3b02e22da2b0ab7280");
        submit("add-provider");
        assertThat(find("provider-arn").getText()).endsWith(":oidc-provider/" + issuer);
        assertThat(find("audiences").getText()).contains("sts.amazonaws.com");
        shot("identity-provider");
        submit("delete-provider");
        assertThat(find("providers").getText()).doesNotContain(issuer);

        // account settings: the password policy shown (as this account has it)
        browser.get(url("/account-settings"));
        assertThat(find("policy-state").getText()).containsAnyOf("custom password policy", "IAM default password policy");
        assertThat(find("minimumPasswordLength").isDisplayed()).isTrue();
        shot("account-settings");

        // the policy simulator: the user's own policy decides
        root.putUserPolicy(b -> b.userName(user).policyName("read-users").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}]}"""));
        String arn = root.getUser(b -> b.userName(user)).user().arn();
        browser.get(url("/simulator"));
        new Select(find("principal")).selectByValue(arn);
        type("actions", "iam:GetUser\niam:DeleteUser");
        submit("run-simulation");
        assertThat(find("results").getText()).contains("iam:GetUser", "allowed", "read-users", "iam:DeleteUser", "implicitDeny");
        shot("policy-simulator");

        // access advisor of the user: the services its policies allow
        browser.get(url("/users/" + user));
        String advisor = find("access-advisor").getAttribute("href");
        // (the report is generated by a job: the page shows it once the job is done)
        await(() -> {
            browser.get(advisor);
            List<WebElement> services = browser.findElements(By.id("services"));
            return !services.isEmpty() && services.get(0).getText().contains("iam") ? Boolean.TRUE : null;
        });
        assertThat(find("advisor-arn").getText()).isEqualTo(arn);
        assertThat(find("services").getText()).contains("iam");
        shot("access-advisor");

        // event history: this browser's own sign-in, CloudTrail's ConsoleLogin (through Kafka to audit-service)
        await(() -> {
            browser.get(url("/events?key=EventName&value=ConsoleLogin"));
            return find("events").getText().contains("signin.amazonaws.com") ? Boolean.TRUE : null;
        });
        assertThat(find("events").getText()).contains("ConsoleLogin", "root");
        shot("event-history");
        submit("sign-out");
    }
}
