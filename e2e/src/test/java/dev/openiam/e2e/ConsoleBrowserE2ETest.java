package dev.openiam.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.iam.IamClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

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
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.stalenessOf(button));
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
        submit("create-user");
        assertThat(find("created-user").getText()).isEqualTo(user);
        assertThat(find("created-password").getText()).isEqualTo("First-pass-1!");
        shot("user-created");
        assertThat(root.getLoginProfile(b -> b.userName(user)).loginProfile().passwordResetRequired()).isTrue();
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
}
