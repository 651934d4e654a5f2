package dev.openiam.identity.auth;

import dev.openiam.identity.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** The principals of an account as of one revision, for projecting services. */
@QuarkusTest
class PrincipalSnapshotTest {

    @Test
    void holdsEveryPrincipalWithItsGroupsAndTagsAtTheAccountRevision() {
        Api api = Api.fresh();
        api.post("users", "{\"userName\":\"alice\",\"tags\":[{\"key\":\"team\",\"value\":\"core\"}]}").statusCode(201);
        api.post("groups", "{\"groupName\":\"devs\"}").statusCode(201);
        api.put("groups/devs/users/alice").statusCode(204);
        String revision = api.post("roles", Api.role("app", Api.TRUST, ""))
                .statusCode(201)
                .extract().header("X-Iam-Revision");
        String groupId = api.get("groups/devs").extract().path("group.groupId");

        RestAssured.given().header("Authorization", "Bearer " + InternalAuthenticationTest.SERVICE)
                .get("/internal/v1/accounts/" + api.accountId() + "/principals").then().statusCode(200)
                .body("revision", equalTo(Integer.parseInt(revision)))
                .body("users.userName", equalTo(List.of("alice")))
                .body("users[0].tags[0].key", equalTo("team"))
                .body("users[0].groupIds", equalTo(List.of(groupId)))
                .body("groups.groupName", equalTo(List.of("devs")))
                .body("roles", hasSize(1))
                .body("roles[0].maxSessionDuration", equalTo(3600));
    }

    @Test
    void refusesCallersWithoutAValidToken() {
        Api.error(RestAssured.given().get("/internal/v1/accounts/" + Api.BOOTSTRAP.accountId() + "/principals").then(),
                403, "AccessDenied");
        Api.error(RestAssured.given().header("Authorization", "Bearer x")
                .get("/internal/v1/accounts/" + Api.BOOTSTRAP.accountId() + "/principals").then(), 403, "AccessDenied");
        Api.error(RestAssured.given().header("Authorization", "Bearer " + InternalAuthenticationTest.SERVICE)
                .get("/internal/v1/accounts/999999999999/principals").then(), 404, "NoSuchEntity");
    }
}
