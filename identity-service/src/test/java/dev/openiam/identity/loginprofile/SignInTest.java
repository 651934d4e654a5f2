package dev.openiam.identity.loginprofile;

import dev.openiam.identity.Api;
import dev.openiam.identity.QueryApi;
import dev.openiam.identity.auth.PeerServices;
import dev.openiam.identity.loginprofile.domain.LoginProfileService;
import dev.openiam.identity.loginprofile.domain.PasswordUse;
import dev.openiam.identity.passwordpolicy.domain.PasswordPolicyService;
import dev.openiam.internalauth.Purpose;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The console's password check (internal {@code POST /internal/v1/sign-in}), as sts-service calls it for the console. */
@QuarkusTest
class SignInTest {

    static final String PATH = "/internal/v1/sign-in";
    static final String INCORRECT = "Your authentication information is incorrect. Please try again.";

    @Inject
    LoginProfileService profiles;
    @Inject
    PasswordPolicyService policies;
    @Inject
    PasswordUse use;
    @Inject
    Pool pool;

    Api api;
    String userId;

    @BeforeEach
    void account() throws Throwable {
        api = Api.fresh();
        userId = api.post("users", "{\"userName\":\"alice\"}").statusCode(201).extract().path("userId");
        await(() -> profiles.create(api.accountId(), "test", "alice", "Alice-pass-1", false));
    }

    @Test
    void theRightPasswordSignsInAndIsRecordedAsUsed() throws Throwable {
        QueryApi iam = new QueryApi(api);
        // read (and kept) before the sign-in: the sign-in moves what GetUser shows on the next call
        assertThat(iam.call("GetUser", "UserName", "alice").statusCode(200).extract().asString()).doesNotContain("PasswordLastUsed");
        signIn(PeerServices.STS, "{\"account\":\"" + api.accountId() + "\",\"userName\":\"alice\",\"password\":\"Alice-pass-1\"}")
                .statusCode(200).body("arn", equalTo("arn:aws:iam::" + api.accountId() + ":user/alice"))
                .body("principalId", equalTo(userId)).body("root", equalTo(false))
                .body("passwordResetRequired", equalTo(false)).body("passwordExpired", equalTo(false))
                .body("mfaSerial", org.hamcrest.Matchers.nullValue());
        assertThat(await(() -> Panache.withSession(() -> use.of(userId)))).isNotNull();
        // GetUser and ListUsers show it (no identity write between: the sign-in alone moved what was kept); a user who
        // never signed in has none
        assertThat(iam.ok("GetUser", "UserName", "alice").getString("User.PasswordLastUsed")).isNotEmpty();
        api.post("users", "{\"userName\":\"bob\"}").statusCode(201);
        assertThat(iam.call("GetUser", "UserName", "bob").statusCode(200).extract().asString()).doesNotContain("PasswordLastUsed");
        var listed = iam.ok("ListUsers");
        assertThat(listed.getString("Users.member.find { it.UserName == 'alice' }.PasswordLastUsed")).isNotEmpty();
        assertThat(listed.getString("Users.member.find { it.UserName == 'bob' }.PasswordLastUsed")).isEmpty();
        assertThat(listed.getString("Users.member.find { it.UserName == 'bob' }.UserName")).isEqualTo("bob");
    }

    @Test
    void everyWrongAnswerIsTheSame() {
        for (String body : new String[]{
                "{\"account\":\"" + api.accountId() + "\",\"userName\":\"alice\",\"password\":\"Alice-pass-2\"}",
                "{\"account\":\"" + api.accountId() + "\",\"userName\":\"nobody\",\"password\":\"Alice-pass-1\"}",
                "{\"account\":\"000000000000\",\"userName\":\"alice\",\"password\":\"Alice-pass-1\"}",
                "{\"account\":\"no-such-alias\",\"userName\":\"alice\",\"password\":\"Alice-pass-1\"}",
                // root has no password in this account
                "{\"account\":\"" + api.accountId() + "\",\"password\":\"Alice-pass-1\"}"}) {
            signIn(PeerServices.STS, body).statusCode(403).body("code", equalTo("AccessDenied")).body("detail", equalTo(INCORRECT));
        }
    }

    @Test
    void rootSignsInWithItsOwnPassword() throws Throwable {
        await(() -> profiles.create(api.accountId(), "test", null, "Root-pass-1!", true));
        signIn(PeerServices.STS, "{\"account\":\"" + api.accountId() + "\",\"password\":\"Root-pass-1!\"}").statusCode(200)
                .body("arn", equalTo("arn:aws:iam::" + api.accountId() + ":root")).body("root", equalTo(true))
                .body("passwordResetRequired", equalTo(true));
    }

    @Test
    void anExpiredPasswordMustBeChangedAndUnderHardExpiryNoLongerSignsIn() throws Throwable {
        await(() -> policies.update(api.accountId(), "test", new PasswordPolicyService.Update(8, false, false, false, false, true,
                30, null, false)));
        await(() -> pool.preparedQuery("update identity.login_profiles set password_changed_at = now() - interval '31 days' "
                + "where principal_id = $1").execute(Tuple.of(userId)));
        String body = "{\"account\":\"" + api.accountId() + "\",\"userName\":\"alice\",\"password\":\"Alice-pass-1\"}";
        signIn(PeerServices.STS, body).statusCode(200).body("passwordExpired", equalTo(true));
        await(() -> policies.update(api.accountId(), "test", new PasswordPolicyService.Update(8, false, false, false, false, true,
                30, null, true)));
        signIn(PeerServices.STS, body).statusCode(403).body("code", equalTo("AccessDenied"));
    }

    @Test
    void everyAttemptInAnAccountIsAConsoleLoginRecordWithoutThePasswordOrAnUnknownName() throws Throwable {
        String origin = ",\"sourceIp\":\"192.0.2.9\",\"userAgent\":\"Mozilla/5.0 test\",\"loginTo\":\"https://console.test/\"}";
        String account = "{\"account\":\"" + api.accountId() + "\"";
        signIn(PeerServices.STS, account + ",\"userName\":\"alice\",\"password\":\"Alice-pass-1\"" + origin).statusCode(200);
        signIn(PeerServices.STS, account + ",\"userName\":\"alice\",\"password\":\"Wrong-pass-7\"" + origin).statusCode(403);
        signIn(PeerServices.STS, account + ",\"userName\":\"Typed-pass-9\",\"password\":\"Wrong-pass-7\"" + origin).statusCode(403);
        // no account: nowhere to record it
        signIn(PeerServices.STS, "{\"account\":\"000000000000\",\"userName\":\"alice\",\"password\":\"x\"" + origin).statusCode(403);

        // as the outbox relays them to iam.audit.v1 (each stored before the sign-in is answered, in the order made)
        java.util.List<dev.openiam.model.audit.AuditRecord> records = new java.util.ArrayList<>();
        String bootstrap = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(java.util.Map.of(
                org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, "sign-in-test-" + java.util.UUID.randomUUID(),
                org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new org.apache.kafka.common.serialization.StringDeserializer(), new org.apache.kafka.common.serialization.StringDeserializer())) {
            consumer.subscribe(java.util.List.of(dev.openiam.model.audit.AuditEvent.TOPIC));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).pollInSameThread().until(() -> {
                for (var message : consumer.poll(java.time.Duration.ofMillis(200))) {
                    if (message.key().equals(api.accountId())) {
                        assertThat(message.value()).doesNotContain("Alice-pass-1", "Wrong-pass-7", "Typed-pass-9");
                        records.add(dev.openiam.model.audit.AuditCodec.decode(message.value()));
                    }
                }
                return records.size() >= 3;
            });
        }
        assertThat(records).allSatisfy(r -> {
            assertThat(r.eventSource()).isEqualTo("signin.amazonaws.com");
            assertThat(r.eventName()).isEqualTo("ConsoleLogin");
            assertThat(r.eventType()).isEqualTo("AwsConsoleSignIn");
            assertThat(r.readOnly()).isFalse();
            assertThat(r.sourceIPAddress()).isEqualTo("192.0.2.9");
            assertThat(r.userAgent()).isEqualTo("Mozilla/5.0 test");
            assertThat(r.additionalEventData().path("LoginTo").asText()).isEqualTo("https://console.test/");
            assertThat(r.additionalEventData().path("MFAUsed").asText()).isEqualTo("No");
        });
        assertThat(records).extracting(r -> r.userIdentity().userName() + " " + r.responseElements().path("ConsoleLogin").asText()
                + " " + r.errorMessage()).containsExactly("alice Success null", "alice Failure Failed authentication",
                "HIDDEN_DUE_TO_SECURITY_REASONS Failure No username found in supplied account");
        assertThat(records.get(0).userIdentity().principalId()).isEqualTo(userId);
    }

    @Test
    void onlyTheServicesAllowedToMayAsk() {
        String body = "{\"account\":\"" + api.accountId() + "\",\"userName\":\"alice\",\"password\":\"Alice-pass-1\"}";
        signIn(PeerServices.POLICY, body).statusCode(403).body("code", equalTo("AccessDenied"));
        RestAssured.given().contentType(ContentType.JSON).body(body).post(PATH).then().statusCode(403);
    }

    private static ValidatableResponse signIn(dev.openiam.internalauth.ServiceKey key, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return RestAssured.given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + PeerServices.token(key, Purpose.SIGN_IN, "POST", PATH, bytes))
                .body(bytes).post(PATH).then();
    }

    static <T> T await(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(work);
    }
}
