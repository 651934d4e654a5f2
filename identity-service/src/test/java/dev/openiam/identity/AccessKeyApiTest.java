package dev.openiam.identity;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static dev.openiam.identity.Api.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class AccessKeyApiTest {

    @Inject
    Pool pool;

    Api api;

    @BeforeEach
    void newAccount() {
        api = Api.fresh();
        api.post("users", "{\"userName\":\"alice\"}").statusCode(201);
    }

    @Test
    void atMostTwoKeysPerUserAndTheSecretIsShownOnce() {
        String secret = api.given().post(api.at("users/alice/access-keys")).then().statusCode(201)
                .body("accessKeyId", matchesPattern("AKIA[A-Z2-7]{16}"))
                .body("status", equalTo("Active"))
                .body("userName", equalTo("alice"))
                .body("secretAccessKey", matchesPattern("[A-Za-z0-9+/]{40}"))
                .extract().path("secretAccessKey");
        api.given().post(api.at("users/alice/access-keys")).then().statusCode(201);
        long before = api.revision();
        error(api.given().post(api.at("users/alice/access-keys")).then(), 409, "LimitExceeded")
                .body("detail", equalTo("Cannot exceed quota for AccessKeysPerUser: 2"));
        assertThat(api.revision()).isEqualTo(before + 1);
        api.get("users/alice/access-keys").statusCode(200).body("accessKeys", hasSize(2))
                .body("accessKeys.secretAccessKey", equalTo(java.util.Arrays.asList(null, null)));
        assertThat(secret).isNotBlank();
    }

    @Test
    void secretsAreEncryptedAtRest() {
        var created = api.given().post(api.at("users/alice/access-keys")).then().statusCode(201).extract().jsonPath();
        String keyId = created.getString("accessKeyId");
        String secret = created.getString("secretAccessKey");
        Row row = pool.preparedQuery("select secret_ciphertext, kek_id from identity.access_keys where access_key_id = $1")
                .execute(Tuple.of(keyId)).await().atMost(Duration.ofSeconds(10)).iterator().next();
        byte[] stored = row.getBuffer("secret_ciphertext").getBytes();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret);
        assertThat(stored.length).isEqualTo(secret.length() + 16); // GCM: ciphertext plus a 16-byte tag
        assertThat(row.getString("kek_id")).isEqualTo("kek-1");
    }

    @Test
    void statusAndDeleteAndLastUsed() {
        String keyId = api.given().post(api.at("users/alice/access-keys")).then().statusCode(201).extract().path("accessKeyId");
        api.patch("users/alice/access-keys/" + keyId, "{\"status\":\"Inactive\"}").statusCode(200)
                .body("status", equalTo("Inactive"));
        error(api.patch("users/alice/access-keys/" + keyId, "{\"status\":\"Paused\"}"), 400, "ValidationError");
        error(api.patch("users/alice/access-keys/" + keyId, "{}"), 400, "ValidationError");
        api.get("access-keys/" + keyId + "/last-used").statusCode(200).body("userName", equalTo("alice"))
                .body("lastUsedDate", nullValue());
        api.post("users", "{\"userName\":\"bob\"}").statusCode(201);
        error(api.delete("users/bob/access-keys/" + keyId), 404, "NoSuchEntity");
        api.delete("users/alice/access-keys/" + keyId).statusCode(204);
        error(api.get("access-keys/" + keyId + "/last-used"), 404, "NoSuchEntity");
    }

    @Test
    void rootHasAtMostTwoKeysAndAnInactiveKeyCannotAuthenticate() {
        var second = api.given().post(api.at("root/access-keys")).then().statusCode(201)
                .body("userName", nullValue()).extract().jsonPath();
        error(api.given().post(api.at("root/access-keys")).then(), 409, "LimitExceeded");
        Api other = new Api(api.accountId(), second.getString("accessKeyId"), second.getString("secretAccessKey"));
        other.get("users").statusCode(200);
        api.patch("root/access-keys/" + other.accessKeyId(), "{\"status\":\"Inactive\"}").statusCode(200);
        error(other.get("users"), 403, "InvalidClientTokenId");
        api.get("root/access-keys").body("accessKeys.status", equalTo(List.of("Active", "Inactive")));
    }

    @Test
    void theRestApiAuthenticatesAndFailsClosed() {
        error(RestAssured.given().get(api.at("users")).then(), 403, "MissingAuthenticationToken");
        error(RestAssured.given().auth().preemptive().basic(api.accessKeyId(), "wrong").get(api.at("users")).then(),
                403, "SignatureDoesNotMatch");
        error(RestAssured.given().auth().preemptive().basic("AKIAZZZZZZZZZZZZZZZZ", "x").get(api.at("users")).then(),
                403, "InvalidClientTokenId");
        // root of one account cannot reach another account
        error(api.given().get(Api.BOOTSTRAP.at("users")).then(), 403, "AccessDenied");
        // an IAM user is denied until policy-service decides for users
        var key = api.given().post(api.at("users/alice/access-keys")).then().statusCode(201).extract().jsonPath();
        error(new Api(api.accountId(), key.getString("accessKeyId"), key.getString("secretAccessKey")).get("users"),
                403, "AccessDenied");
        // only the management account's root creates accounts
        error(api.given().body("{}").post("/v1/accounts").then(), 403, "AccessDenied");
    }

    @Test
    void healthAndOpenApiAreServed() {
        RestAssured.given().get("/q/health/ready").then().statusCode(200);
        RestAssured.given().get("/q/openapi").then().statusCode(200);
    }
}
