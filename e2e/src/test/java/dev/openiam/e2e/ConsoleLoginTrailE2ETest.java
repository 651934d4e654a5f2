package dev.openiam.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.openiam.e2e.ConsoleHttpE2ETest.cookie;
import static dev.openiam.e2e.ConsoleHttpE2ETest.csrf;
import static dev.openiam.e2e.ConsoleHttpE2ETest.post;
import static dev.openiam.e2e.ConsoleHttpE2ETest.signIn;
import static dev.openiam.e2e.ConsoleHttpE2ETest.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Console sign-ins in the trail, as CloudTrail records them: a user's wrong password, the user's sign-in, another
 * user's sign-in with an MFA code and a name that names no user, each signed in to the console (HTTP, as a browser
 * does); then {@code aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=ConsoleLogin}
 * (AWS CLI v2) finds exactly those records — {@code signin.amazonaws.com}, {@code AwsConsoleSignIn}, Success or
 * Failure with {@code MFAUsed} — and no record holds a password or the name typed for no user.
 */
@ExtendWith(LocalSystem.class)
class ConsoleLoginTrailE2ETest {

    static final ObjectMapper JSON = new ObjectMapper();
    static IamClient root;
    final String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

    @BeforeAll
    static void client() {
        root = Clients.root();
    }

    @AfterAll
    static void close() {
        root.close();
    }

    @Test
    void successFailureAndMfaSignInsAreConsoleLoginRecordsWithoutThePassword() throws Exception {
        String account = LocalSystem.get().accountId();
        String plain = "login-" + run;
        String withMfa = "login-mfa-" + run;
        String password = "Trail-pass-" + run + "!";
        String wrong = "Wrong-pass-" + run + "!";
        String nobody = "nobody-" + run;
        for (String user : List.of(plain, withMfa)) {
            root.createUser(b -> b.userName(user));
            root.createLoginProfile(b -> b.userName(user).password(password).passwordResetRequired(false));
        }
        VirtualMFADevice device = root.createVirtualMFADevice(b -> b.virtualMFADeviceName(withMfa)).virtualMFADevice();
        String seed = device.base32StringSeed().asUtf8String();
        long step = Authenticator.step();
        root.enableMFADevice(b -> b.userName(withMfa).serialNumber(device.serialNumber())
                .authenticationCode1(Authenticator.codeAt(seed, step - 1)).authenticationCode2(Authenticator.codeAt(seed, step)));

        assertThat(signIn(plain, wrong).statusCode()).isEqualTo(403);
        assertThat(signIn(nobody, wrong).statusCode()).isEqualTo(403);
        assertThat(signIn(plain, password).statusCode()).isEqualTo(303);
        // the password, then the code of the next step (the last one was used to enable the device)
        HttpResponse<String> codeForm = signIn(withMfa, password);
        assertThat(codeForm.statusCode()).isEqualTo(200);
        Authenticator.awaitStep(step + 1);
        HttpResponse<String> signedIn = post("/signin/mfa", value(cookie(codeForm, "iamconsole-mfa")),
                Map.of("csrf", csrf(codeForm.body()), "code", Authenticator.codeAt(seed, step + 1)));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);

        List<String> raw = new ArrayList<>();
        List<JsonNode> ours = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            raw.clear();
            List<JsonNode> found = new ArrayList<>();
            for (JsonNode event : lookup()) {
                raw.add(event.toString());
                String user = event.at("/userIdentity/userName").asText();
                if (user.equals(plain) || user.equals(withMfa)) {
                    found.add(event);
                }
            }
            return found;
        }, found -> found.size() >= 3);
        assertThat(ours).hasSize(3);
        for (JsonNode event : ours) {
            assertThat(event.path("eventSource").asText()).isEqualTo("signin.amazonaws.com");
            assertThat(event.path("eventName").asText()).isEqualTo("ConsoleLogin");
            assertThat(event.path("eventType").asText()).isEqualTo("AwsConsoleSignIn");
            assertThat(event.path("readOnly").asBoolean(true)).isFalse();
            assertThat(event.path("managementEvent").asBoolean()).isTrue();
            assertThat(event.path("eventCategory").asText()).isEqualTo("Management");
            assertThat(event.path("recipientAccountId").asText()).isEqualTo(account);
            assertThat(event.at("/userIdentity/type").asText()).isEqualTo("IAMUser");
            assertThat(event.at("/userIdentity/accountId").asText()).isEqualTo(account);
            assertThat(event.at("/userIdentity/arn").asText()).isEqualTo("arn:aws:iam::" + account + ":user/"
                    + event.at("/userIdentity/userName").asText());
            assertThat(event.at("/additionalEventData/MobileVersion").asText()).isEqualTo("No");
            assertThat(event.at("/additionalEventData/LoginTo").asText()).isEqualTo(LocalSystem.get().consoleEndpoint().resolve("/").toString());
            assertThat(event.has("requestParameters") && !event.get("requestParameters").isNull()).isFalse();
            assertThat(event.has("errorCode")).isFalse();
        }
        assertThat(ours).extracting(e -> e.at("/userIdentity/userName").asText() + " " + e.at("/responseElements/ConsoleLogin").asText()
                        + " MFAUsed=" + e.at("/additionalEventData/MFAUsed").asText() + " " + e.path("errorMessage").asText("-"))
                .containsExactlyInAnyOrder(plain + " Failure MFAUsed=No Failed authentication", plain + " Success MFAUsed=No -",
                        withMfa + " Success MFAUsed=Yes -");
        // the name typed for no user is not recorded: AWS's placeholder and message stand for it
        assertThat(raw).anySatisfy(event -> assertThat(event).contains("\"userName\":\"HIDDEN_DUE_TO_SECURITY_REASONS\"",
                "\"errorMessage\":\"No username found in supplied account\""));
        assertThat(raw).noneSatisfy(event -> assertThat(event).containsAnyOf(password, wrong, nobody));
    }

    /** {@code aws cloudtrail lookup-events} of ConsoleLogin, as the account's root: the CloudTrailEvent of each. */
    private static List<JsonNode> lookup() throws Exception {
        Map<String, String> env = LocalSystem.get().clientEnvironment();
        env.put("AWS_ACCESS_KEY_ID", LocalSystem.get().accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", LocalSystem.get().secretAccessKey());
        String output = AwsCliE2ETest.run(List.of(RequiredClients.AWS.toString(), "--endpoint-url",
                LocalSystem.get().cloudTrailEndpoint().toString(), "cloudtrail", "lookup-events", "--lookup-attributes",
                "AttributeKey=EventName,AttributeValue=ConsoleLogin", "--output", "json"), env);
        List<JsonNode> records = new ArrayList<>();
        for (JsonNode event : JSON.readTree(output).path("Events")) {
            assertThat(event.path("EventName").asText()).isEqualTo("ConsoleLogin");
            records.add(JSON.readTree(event.path("CloudTrailEvent").asText()));
        }
        return records;
    }
}
