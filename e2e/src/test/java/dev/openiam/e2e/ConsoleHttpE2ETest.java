package dev.openiam.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The console at the HTTP level against the running system: the session cookie's flags, CSRF refusal of a signed-in
 * form (nothing written), sign-out ending the session, and backoff after repeated failed sign-ins.
 */
@ExtendWith(LocalSystem.class)
class ConsoleHttpE2ETest {

    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
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

    static URI url(String path) {
        return LocalSystem.get().consoleEndpoint().resolve(path);
    }

    static HttpResponse<String> get(String path, String cookies) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).GET();
        if (cookies != null) {
            request.header("Cookie", cookies);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String cookies, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookies != null) {
            request.header("Cookie", cookies);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a form with a CSRF token in %s", html).isTrue();
        return m.group(1);
    }

    static String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.headers().map()));
    }

    static String value(String setCookie) {
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** A sign-in attempt: the form's token and cookie first, as a browser has them. */
    static HttpResponse<String> signIn(String userName, String password) throws IOException, InterruptedException {
        HttpResponse<String> form = get("/signin", null);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("csrf", csrf(form.body()));
        fields.put("account", LocalSystem.get().accountId());
        fields.put("principal", userName == null ? "root" : "user");
        if (userName != null) {
            fields.put("userName", userName);
        }
        fields.put("password", password);
        return post("/signin", value(cookie(form, "iamconsole-signin")), fields);
    }

    @Test
    void theSessionCookieIsStrictAndHttpOnlyAFormWithoutItsTokenWritesNothingAndSignOutEndsIt() throws Exception {
        HttpResponse<String> signedIn = signIn(null, LocalSystem.get().rootPassword());
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/"));
        String setCookie = cookie(signedIn, "iamconsole");
        assertThat(setCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .doesNotContainIgnoringCase("Secure");
        String session = value(setCookie);

        HttpResponse<String> dashboard = get("/", session);
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.headers().firstValue("Cache-Control")).hasValue("no-store");
        String token = csrf(dashboard.body());

        // a form posted without the session's token, or with another: refused, and nothing is created
        String group = "csrf-" + run;
        assertThat(post("/groups", session, Map.of("groupName", group)).statusCode()).isEqualTo(403);
        assertThat(post("/groups", session, Map.of("groupName", group, "csrf", token + "x")).statusCode()).isEqualTo(403);
        assertThatThrownBy(() -> root.getGroup(b -> b.groupName(group))).isInstanceOf(NoSuchEntityException.class);
        // with it: created, as root
        assertThat(post("/groups", session, Map.of("groupName", group, "csrf", token)).statusCode()).isEqualTo(303);
        assertThat(root.getGroup(b -> b.groupName(group)).group().groupName()).isEqualTo(group);

        // sign-out ends the session: the cookie no longer opens a page
        assertThat(post("/signout", session, Map.of("csrf", token)).statusCode()).isEqualTo(303);
        HttpResponse<String> after = get("/", session);
        assertThat(after.statusCode()).isEqualTo(303);
        assertThat(after.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/signin"));
    }

    @Test
    void repeatedFailedSignInsMakeTheNextOnesWaitEvenWithTheRightPassword() throws Exception {
        String user = "guessed-" + run;
        root.createUser(b -> b.userName(user));
        root.createLoginProfile(b -> b.userName(user).password("Right-pass-1!"));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> wrong = signIn(user, "Wrong-pass-" + i);
            assertThat(wrong.statusCode()).isEqualTo(403);
            assertThat(wrong.body()).contains("Your authentication information is incorrect. Please try again.");
        }
        HttpResponse<String> held = signIn(user, "Right-pass-1!");
        assertThat(held.statusCode()).isEqualTo(429);
        assertThat(held.body()).contains("Too many failed sign-in attempts");
        assertThat(held.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("iamconsole="));
        // after the wait (1 s after the third failure), the right password signs in (an attempt during the wait is
        // not checked and does not extend it)
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            HttpResponse<String> later = signIn(user, "Right-pass-1!");
            assertThat(later.statusCode()).isEqualTo(303);
            assertThat(later.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("iamconsole="));
        });
    }
}
