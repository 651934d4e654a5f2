package dev.openiam.identity.auth;

import dev.openiam.identity.Api;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceKey;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** The principals of an account as of one revision, for projecting services. */
@QuarkusTest
class PrincipalSnapshotTest {

    static String path(String accountId) {
        return "/internal/v1/accounts/" + accountId + "/principals";
    }

    static ValidatableResponse snapshot(ServiceKey service, String accountId) {
        return RestAssured.given()
                .header("Authorization", "Bearer " + PeerServices.token(service, Purpose.SNAPSHOT, "GET", path(accountId), null))
                .get(path(accountId)).then();
    }

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

        snapshot(PeerServices.POLICY, api.accountId()).statusCode(200)
                .body("revision", equalTo(Integer.parseInt(revision)))
                .body("users.userName", equalTo(List.of("alice")))
                .body("users[0].tags[0].key", equalTo("team"))
                .body("users[0].groupIds", equalTo(List.of(groupId)))
                .body("groups.groupName", equalTo(List.of("devs")))
                .body("roles", hasSize(1))
                .body("roles[0].maxSessionDuration", equalTo(3600));
    }

    @Test
    void refusesCallersWithoutAValidTokenForThisAccount() {
        String account = Api.BOOTSTRAP.accountId();
        Api.error(RestAssured.given().get(path(account)).then(), 403, "AccessDenied");
        Api.error(RestAssured.given().header("Authorization", "Bearer x").get(path(account)).then(), 403, "AccessDenied");
        // sts-service does not project principals; a token for another account's snapshot does not open this one
        Api.error(snapshot(PeerServices.STS, account), 403, "AccessDenied");
        Api.error(RestAssured.given()
                .header("Authorization", "Bearer " + PeerServices.token(PeerServices.POLICY, Purpose.SNAPSHOT, "GET", path("999999999999"), null))
                .get(path(account)).then(), 403, "AccessDenied");
        Api.error(snapshot(PeerServices.POLICY, "999999999999"), 404, "NoSuchEntity");
    }
}
