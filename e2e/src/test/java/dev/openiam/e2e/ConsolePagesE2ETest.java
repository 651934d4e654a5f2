package dev.openiam.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PasswordPolicy;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.openiam.e2e.ConsoleHttpE2ETest.cookie;
import static dev.openiam.e2e.ConsoleHttpE2ETest.csrf;
import static dev.openiam.e2e.ConsoleHttpE2ETest.get;
import static dev.openiam.e2e.ConsoleHttpE2ETest.post;
import static dev.openiam.e2e.ConsoleHttpE2ETest.signIn;
import static dev.openiam.e2e.ConsoleHttpE2ETest.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The console's account pages against the running system, at the HTTP level, each checked through the IAM API:
 * account settings (password policy and alias), identity providers, the policy simulator and event history (CloudTrail's
 * LookupEvents at audit-service, as the person signed in — denied to a user whose policies do not allow it).
 */
@ExtendWith(LocalSystem.class)
class ConsolePagesE2ETest {

    static IamClient root;
    static String session;
    static String token;
    final String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

    @BeforeAll
    static void signInAsRoot() throws Exception {
        root = Clients.root();
        HttpResponse<String> signedIn = signIn(null, LocalSystem.get().rootPassword());
        assertThat(signedIn.statusCode()).isEqualTo(303);
        session = value(cookie(signedIn, "iamconsole"));
        token = csrf(get("/", session).body());
    }

    @AfterAll
    static void close() {
        root.close();
    }

    static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void accountSettingsEditThePasswordPolicyResetItAndSetTheAlias() throws Exception {
        PasswordPolicy before = currentPolicy();
        try {
            HttpResponse<String> page = get("/account-settings", session);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Password policy", "id=\"minimumPasswordLength\"");

            HttpResponse<String> saved = post("/account-settings/password-policy", session, Map.of("csrf", token,
                    "minimumPasswordLength", "14", "requireSymbols", "true", "requireNumbers", "true",
                    "allowUsersToChangePassword", "true", "maxPasswordAge", "90", "passwordReusePrevention", ""));
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
            PasswordPolicy policy = root.getAccountPasswordPolicy().passwordPolicy();
            assertThat(policy.minimumPasswordLength()).isEqualTo(14);
            assertThat(policy.requireSymbols()).isTrue();
            assertThat(policy.requireNumbers()).isTrue();
            assertThat(policy.requireUppercaseCharacters()).isFalse();
            assertThat(policy.maxPasswordAge()).isEqualTo(90);
            assertThat(policy.passwordReusePrevention()).isNull();
            assertThat(get("/account-settings", session).body()).contains("value=\"14\"", "This account has a custom password policy.");

            // out of range: the API's own error, shown as AWS words it, and nothing changed
            HttpResponse<String> refused = post("/account-settings/password-policy", session, Map.of("csrf", token,
                    "minimumPasswordLength", "3"));
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("id=\"error-code\"");
            assertThat(root.getAccountPasswordPolicy().passwordPolicy().minimumPasswordLength()).isEqualTo(14);
            // not a number: refused by the console before any call
            assertThat(post("/account-settings/password-policy", session, Map.of("csrf", token, "minimumPasswordLength", "ten"))
                    .statusCode()).isEqualTo(400);

            assertThat(post("/account-settings/password-policy/delete", session, Map.of("csrf", token)).statusCode()).isEqualTo(303);
            assertThatThrownBy(() -> root.getAccountPasswordPolicy()).isInstanceOf(NoSuchEntityException.class);
            assertThat(get("/account-settings", session).body()).contains("IAM default password policy");
        } finally {
            restore(before);
        }

        List<String> aliases = root.listAccountAliases().accountAliases();
        try {
            String alias = "console-" + run;
            assertThat(post("/account-settings/alias", session, Map.of("csrf", token, "alias", alias)).statusCode()).isEqualTo(303);
            assertThat(root.listAccountAliases().accountAliases()).containsExactly(alias);
            assertThat(post("/account-settings/alias", session, Map.of("csrf", token, "alias", "")).statusCode()).isEqualTo(303);
            assertThat(root.listAccountAliases().accountAliases()).isEmpty();
        } finally {
            for (String alias : root.listAccountAliases().accountAliases()) {
                root.deleteAccountAlias(b -> b.accountAlias(alias));
            }
            aliases.forEach(alias -> root.createAccountAlias(b -> b.accountAlias(alias)));
        }
    }

    @Test
    void identityProvidersAreAddedGivenAnAudienceAndDeleted() throws Exception {
        String url = "https://issuer-" + run + ".example.com";
        HttpResponse<String> added = post("/identity-providers", session, Map.of("csrf", token, "url", url,
                "audience", "sts.amazonaws.com", "thumbprints", "9e99a48a9960b14926bb7f3b02e22da2b0ab7280"));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(303);
        String arn = "arn:aws:iam::" + LocalSystem.get().accountId() + ":oidc-provider/issuer-" + run + ".example.com";
        assertThat(added.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(encoded(arn)));
        assertThat(root.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn)).clientIDList()).containsExactly("sts.amazonaws.com");
        // listed by its URL without the scheme, as IAM answers it
        assertThat(get("/identity-providers", session).body()).contains(url.substring("https://".length()), "sts.amazonaws.com");

        assertThat(post("/identity-providers/audiences", session, Map.of("csrf", token, "arn", arn, "audience", "my-app")).statusCode())
                .isEqualTo(303);
        assertThat(root.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn)).clientIDList())
                .containsExactlyInAnyOrder("sts.amazonaws.com", "my-app");
        assertThat(get("/identity-providers/view?arn=" + encoded(arn), session).body()).contains("my-app", arn);

        // a second provider of the same URL: the API's EntityAlreadyExists, shown
        HttpResponse<String> twice = post("/identity-providers", session, Map.of("csrf", token, "url", url, "audience", "x"));
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(twice.body()).contains("EntityAlreadyExists");

        assertThat(post("/identity-providers/delete", session, Map.of("csrf", token, "arn", arn)).statusCode()).isEqualTo(303);
        assertThatThrownBy(() -> root.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn)))
                .isInstanceOf(NoSuchEntityException.class);
    }

    @Test
    void theSimulatorShowsWhatAUsersPoliciesAllowAndWhichStatementDecided() throws Exception {
        String user = "simulated-" + run;
        root.createUser(b -> b.userName(user));
        root.putUserPolicy(b -> b.userName(user).policyName("read-users").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}]}"""));
        String arn = root.getUser(b -> b.userName(user)).user().arn();

        HttpResponse<String> form = get("/simulator", session);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("value=\"" + arn + "\"").doesNotContain("id=\"results\"");

        HttpResponse<String> result = get("/simulator?principal=" + encoded(arn) + "&actions=" + encoded("iam:GetUser\niam:DeleteUser")
                + "&resources=", session);
        assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
        String body = result.body();
        assertThat(body).contains("id=\"results\"");
        assertThat(body.substring(body.indexOf("iam:GetUser</td>"))).startsWith("iam:GetUser</td>").contains("allowed", "read-users");
        assertThat(body.substring(body.indexOf("iam:DeleteUser</td>"))).contains("implicitDeny");
    }

    @Test
    void eventHistoryShowsTheConsolesOwnCallsAndIsDeniedToAUserWithoutCloudTrailPermissions() throws Exception {
        String group = "history-" + run;
        assertThat(post("/groups", session, Map.of("csrf", token, "groupName", group)).statusCode()).isEqualTo(303);
        // recorded by identity-service, delivered through Kafka to audit-service: visible within seconds
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            HttpResponse<String> page = get("/events?key=EventName&value=CreateGroup", session);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains(group).contains("iam.amazonaws.com");
        });
        HttpResponse<String> other = get("/events?key=EventName&value=NoSuchEventName" + run, session);
        assertThat(other.body()).contains("No events.").doesNotContain(group);

        // a user allowed IAM but not CloudTrail: the page shows CloudTrail's AccessDenied
        String user = "no-trail-" + run;
        root.createUser(b -> b.userName(user));
        root.putUserPolicy(b -> b.userName(user).policyName("iam-only").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]}"""));
        root.createLoginProfile(b -> b.userName(user).password("History-pass-1!"));
        HttpResponse<String> signedIn = signIn(user, "History-pass-1!");
        assertThat(signedIn.statusCode()).isEqualTo(303);
        String userSession = value(cookie(signedIn, "iamconsole"));
        assertThat(get("/users", userSession).statusCode()).isEqualTo(200);
        HttpResponse<String> denied = get("/events", userSession);
        assertThat(denied.statusCode()).isIn(400, 403);
        assertThat(denied.body()).contains("AccessDenied").contains("cloudtrail:LookupEvents");
    }

    @Test
    void addUserCopiesAnotherUsersPermissionsAndAUsersAccessKeysAreCreatedDeactivatedAndDeleted() throws Exception {
        String source = "source-" + run;
        String group = "copied-" + run;
        String boundary = "arn:aws:iam::aws:policy/IAMUserChangePassword";
        root.createGroup(b -> b.groupName(group));
        root.createUser(b -> b.userName(source).permissionsBoundary(boundary));
        root.addUserToGroup(b -> b.groupName(group).userName(source));
        root.attachUserPolicy(b -> b.userName(source).policyArn(boundary));
        String inline = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:GetUser\",\"Resource\":\"*\"}]}";
        root.putUserPolicy(b -> b.userName(source).policyName("read-self").policyDocument(inline));

        String copy = "copy-" + run;
        assertThat(get("/users/new", session).body()).contains("<option value=\"" + source + "\">");
        // the form leads to its review: nothing is made before the review is confirmed
        HttpResponse<String> review = post("/users/new/review", session, Map.of("csrf", token, "userName", copy, "copyFrom", source,
                "accessKey", "on", "tags", "team=blue"));
        assertThat(review.statusCode()).as(review.body()).isEqualTo(200);
        assertThat(review.body()).contains("id=\"review-name\">" + copy + "<", "<td>" + source + "</td><td>User</td>",
                "<td>team</td><td>blue</td>", "Nothing is created until you choose");
        assertThat(root.listUsers().users()).noneSatisfy(u -> assertThat(u.userName()).isEqualTo(copy));
        java.util.regex.Matcher draft = java.util.regex.Pattern.compile("name=\"draft\" value=\"([^\"]+)\"").matcher(review.body());
        assertThat(draft.find()).isTrue();
        // a review without the form's token creates nothing
        assertThat(post("/users/new/create", session, Map.of("draft", draft.group(1))).statusCode()).isEqualTo(403);
        assertThat(root.listUsers().users()).noneSatisfy(u -> assertThat(u.userName()).isEqualTo(copy));
        HttpResponse<String> created = post("/users/new/create", session, Map.of("csrf", token, "draft", draft.group(1)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        // the review is used once: confirming it again makes nothing more
        assertThat(post("/users/new/create", session, Map.of("csrf", token, "draft", draft.group(1))).body())
                .contains("This review has expired or was already used");
        assertThat(root.listUserTags(b -> b.userName(copy)).tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("team=blue");
        assertThat(root.listGroupsForUser(b -> b.userName(copy)).groups()).extracting(g -> g.groupName()).containsExactly(group);
        assertThat(root.listAttachedUserPolicies(b -> b.userName(copy)).attachedPolicies()).extracting(p -> p.policyArn())
                .containsExactly(boundary);
        assertThat(root.listUserPolicies(b -> b.userName(copy)).policyNames()).containsExactly("read-self");
        assertThat(java.net.URLDecoder.decode(root.getUserPolicy(b -> b.userName(copy).policyName("read-self")).policyDocument(),
                StandardCharsets.UTF_8)).isEqualToIgnoringWhitespace(inline);
        assertThat(root.getUser(b -> b.userName(copy)).user().permissionsBoundary().permissionsBoundaryArn()).isEqualTo(boundary);

        // the key shown once, and as a CSV file to save (a data: link: the secret is not sent back to the console)
        String key = root.listAccessKeys(b -> b.userName(copy)).accessKeyMetadata().get(0).accessKeyId();
        assertThat(created.body()).contains("id=\"download-csv\"", "download=\"" + copy + "_credentials.csv\"",
                "data:text/csv;charset=utf-8,User%20name%2CPassword%2CAccess%20key%20ID", key);

        HttpResponse<String> second = post("/users/" + copy + "/access-keys", session, Map.of("csrf", token));
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).contains("Access key created for", "id=\"created-secret\"");
        assertThat(root.listAccessKeys(b -> b.userName(copy)).accessKeyMetadata()).hasSize(2);
        // two keys: the page offers no third
        assertThat(get("/users/" + copy, session).body()).doesNotContain("id=\"create-access-key\"").contains("id=\"deactivate-" + key + "\"");

        assertThat(post("/users/" + copy + "/access-keys/" + key, session, Map.of("csrf", token, "status", "Inactive")).statusCode())
                .isEqualTo(303);
        assertThat(root.listAccessKeys(b -> b.userName(copy)).accessKeyMetadata()).filteredOn(k -> k.accessKeyId().equals(key))
                .extracting(k -> k.statusAsString()).containsExactly("Inactive");
        assertThat(post("/users/" + copy + "/access-keys/" + key, session, Map.of("csrf", token, "delete", "true")).statusCode())
                .isEqualTo(303);
        assertThat(root.listAccessKeys(b -> b.userName(copy)).accessKeyMetadata()).extracting(k -> k.accessKeyId()).doesNotContain(key);
        // without the form's token: refused, nothing changed
        String other = root.listAccessKeys(b -> b.userName(copy)).accessKeyMetadata().get(0).accessKeyId();
        assertThat(post("/users/" + copy + "/access-keys/" + other, session, Map.of("status", "Inactive")).statusCode()).isEqualTo(403);
        assertThat(root.listAccessKeys(b -> b.userName(copy)).accessKeyMetadata().get(0).statusAsString()).isEqualTo("Active");
    }

    @Test
    void accessAdvisorShowsTheServiceAUsersOwnSdkCallUsed() throws Exception {
        String user = "advised-" + run;
        root.createUser(b -> b.userName(user));
        root.putUserPolicy(b -> b.userName(user).policyName("iam-and-s3").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:GetUser","s3:GetObject"],"Resource":"*"}]}"""));
        var key = root.createAccessKey(b -> b.userName(user)).accessKey();
        String arn = root.getUser(b -> b.userName(user)).user().arn();
        assertThat(get("/users/" + user, session).body()).contains("href=\"/access-advisor?arn=" + arn + "\"");
        try (IamClient iam = Clients.iam(key.accessKeyId(), key.secretAccessKey())) {
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> iam.getUser(b -> b.userName(user)).user() != null);
        }
        // the call's record reaches audit-service through Kafka: IAM shows as accessed within seconds; S3 never was
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> page = get("/access-advisor?arn=" + encoded(arn), session);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            String body = page.body();
            String iamRow = body.substring(body.indexOf("<td>iam</td>"));
            assertThat(iamRow.substring(0, iamRow.indexOf("</tr>"))).doesNotContain("Not accessed").contains(user);
            String s3Row = body.substring(body.indexOf("<td>s3</td>"));
            assertThat(s3Row.substring(0, s3Row.indexOf("</tr>"))).contains("Not accessed in the tracking period");
        });
    }

    private static PasswordPolicy currentPolicy() {
        try {
            return root.getAccountPasswordPolicy().passwordPolicy();
        } catch (NoSuchEntityException e) {
            return null;
        }
    }

    private static void restore(PasswordPolicy policy) {
        if (policy == null) {
            try {
                root.deleteAccountPasswordPolicy();
            } catch (NoSuchEntityException e) {
                // none, as before
            }
            return;
        }
        root.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(policy.minimumPasswordLength())
                .requireSymbols(policy.requireSymbols()).requireNumbers(policy.requireNumbers())
                .requireUppercaseCharacters(policy.requireUppercaseCharacters()).requireLowercaseCharacters(policy.requireLowercaseCharacters())
                .allowUsersToChangePassword(policy.allowUsersToChangePassword()).maxPasswordAge(policy.maxPasswordAge())
                .passwordReusePrevention(policy.passwordReusePrevention()).hardExpiry(policy.hardExpiry()));
    }
}
