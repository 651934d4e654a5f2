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

/** The console's password check (internal {@code POST /internal/v1/sign-in}), as sts-service or the console calls it. */
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
        signIn(PeerServices.STS, "{\"account\":\"" + api.accountId() + "\",\"userName\":\"alice\",\"password\":\"Alice-pass-1\"}")
                .statusCode(200).body("arn", equalTo("arn:aws:iam::" + api.accountId() + ":user/alice"))
                .body("principalId", equalTo(userId)).body("root", equalTo(false))
                .body("passwordResetRequired", equalTo(false)).body("passwordExpired", equalTo(false))
                .body("mfaSerial", org.hamcrest.Matchers.nullValue());
        assertThat(await(() -> Panache.withSession(() -> use.of(userId)))).isNotNull();
        // GetUser and ListUsers show it; a user who never signed in has none
        api.post("users", "{\"userName\":\"bob\"}").statusCode(201);
        QueryApi iam = new QueryApi(api);
        assertThat(iam.ok("GetUser", "UserName", "alice").getString("User.PasswordLastUsed")).isNotEmpty();
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
