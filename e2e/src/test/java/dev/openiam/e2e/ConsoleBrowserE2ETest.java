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
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser (Debian's chromium, headless, driven by Selenium), as a person uses it: root signs
 * in, creates a group with a policy and a user with a console password who must reset it, signs out; the user signs
 * in, must change the password first, meets AccessDenied for an action the group does not allow; with an MFA device
 * assigned, signing in asks for its code. A screenshot of each step is saved under target/screenshots/console.
 */
@ExtendWith(LocalSystem.class)
class ConsoleBrowserE2ETest {

    static final Path SHOTS = Path.of("target/screenshots/console");
    static ChromeDriver browser;
    static IamClient root;
    static final AtomicInteger STEP = new AtomicInteger();
    final String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

    @BeforeAll
    static void browser() throws IOException {
        RequiredClients.chromium();
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions().setBinary(RequiredClients.CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(RequiredClients.CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
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
        find("sign-in").click();
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

        // a group with IAM read-only access
        browser.get(url("/groups/new"));
        type("groupName", group);
        tick("policy", "arn:aws:iam::aws:policy/IAMReadOnlyAccess");
        shot("create-group");
        find("create-group").click();
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
        find("create-user").click();
        assertThat(find("created-user").getText()).isEqualTo(user);
        assertThat(find("created-password").getText()).isEqualTo("First-pass-1!");
        shot("user-created");
        assertThat(root.getLoginProfile(b -> b.userName(user)).loginProfile().passwordResetRequired()).isTrue();
        assertThat(root.listGroupsForUser(b -> b.userName(user)).groups()).singleElement()
                .satisfies(g -> assertThat(g.groupName()).isEqualTo(group));
        browser.get(url("/users/" + user));
        assertThat(find("user-groups").getText()).contains(group);
        assertThat(find("console-password").getText()).isEqualTo("enabled");

        find("sign-out").click();
        assertThat(browser.getCurrentUrl()).contains("/signin");

        // the user signs in and must change the password first
        signIn(user, "First-pass-1!");
        assertThat(browser.getCurrentUrl()).endsWith("/password");
        assertThat(find("reset-required").isDisplayed()).isTrue();
        shot("must-change-password");
        type("oldPassword", "First-pass-1!");
        type("newPassword", "Second-pass-2!");
        type("confirmPassword", "Second-pass-2!");
        find("change-password").click();
        assertThat(find("signed-in-as").getText()).contains(user);
        assertThat(find("account-id").getText()).isEqualTo(account);
        shot("user-dashboard");

        // reading is allowed; creating a user is not: AWS's AccessDenied, as the console shows it
        browser.get(url("/users"));
        assertThat(find("users").getText()).contains(user);
        browser.get(url("/users/new"));
        type("userName", "not-allowed-" + run);
        find("create-user").click();
        assertThat(find("error-code").getText()).isEqualTo("AccessDenied");
        assertThat(find("error-message").getText()).contains("is not authorized to perform: iam:CreateUser");
        shot("access-denied");
        assertThat(root.listUsers().users()).noneSatisfy(u -> assertThat(u.userName()).isEqualTo("not-allowed-" + run));
        find("sign-out").click();

        // with an MFA device, the password is followed by the device's code
        VirtualMFADevice device = root.createVirtualMFADevice(b -> b.virtualMFADeviceName(user)).virtualMFADevice();
        String seed = device.base32StringSeed().asUtf8String();
        root.enableMFADevice(b -> b.userName(user).serialNumber(device.serialNumber())
                .authenticationCode1(Authenticator.code(seed, -1)).authenticationCode2(Authenticator.code(seed, 0)));
        signIn(user, "Second-pass-2!");
        assertThat(browser.getCurrentUrl()).endsWith("/signin");
        shot("mfa-code");
        type("code", Authenticator.code(seed, -1));
        find("verify").click();
        // a code already used (to enable the device) is refused
        assertThat(find("message").getText()).isEqualTo("MultiFactorAuthentication failed with invalid MFA one time pass code.");
        signIn(user, "Second-pass-2!");
        type("code", Authenticator.code(seed, 1));
        find("verify").click();
        assertThat(find("signed-in-as").getText()).contains(user);
        shot("signed-in-with-mfa");
        find("sign-out").click();
    }
}
