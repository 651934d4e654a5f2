package dev.openiam.identity;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.openiam.identity.Api.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

@QuarkusTest
class GroupApiTest {

    Api api;

    @BeforeEach
    void newAccount() {
        api = Api.fresh();
    }

    @Test
    void groupLifecycleWithMembers() {
        api.post("groups", "{\"groupName\":\"devs\",\"path\":\"/eng/\"}").statusCode(201)
                .body("groupId", matchesPattern("AGPA[A-Z2-7]{16}"))
                .body("arn", equalTo("arn:aws:iam::" + api.accountId() + ":group/eng/devs"));
        api.post("users", "{\"userName\":\"alice\"}").statusCode(201);
        api.post("users", "{\"userName\":\"bob\"}").statusCode(201);
        api.put("groups/devs/users/alice").statusCode(204);
        api.put("groups/DEVS/users/bob").statusCode(204);
        api.put("groups/devs/users/bob").statusCode(204); // already a member: success, like AWS

        api.get("groups/devs").statusCode(200).body("group.groupName", equalTo("devs"))
                .body("users.items.userName", equalTo(List.of("alice", "bob")));
        api.get("users/alice/groups").statusCode(200).body("items.groupName", equalTo(List.of("devs")));

        error(api.delete("groups/devs"), 409, "DeleteConflict");
        api.patch("groups/devs", "{\"newGroupName\":\"developers\",\"newPath\":\"/\"}").statusCode(200)
                .body("arn", equalTo("arn:aws:iam::" + api.accountId() + ":group/developers"));
        api.get("users/bob/groups").body("items.groupName", equalTo(List.of("developers")));
        api.delete("groups/developers/users/alice").statusCode(204);
        error(api.delete("groups/developers/users/alice"), 404, "NoSuchEntity");
        api.delete("groups/developers/users/bob").statusCode(204);
        api.delete("groups/developers").statusCode(204);
        error(api.get("groups/developers"), 404, "NoSuchEntity");
    }

    @Test
    void aUserIsInAtMostTenGroups() {
        api.post("users", "{\"userName\":\"joiner\"}").statusCode(201);
        for (int i = 0; i < 11; i++) {
            api.post("groups", "{\"groupName\":\"g" + i + "\"}").statusCode(201);
        }
        for (int i = 0; i < 10; i++) {
            api.put("groups/g" + i + "/users/joiner").statusCode(204);
        }
        long before = api.revision();
        error(api.put("groups/g10/users/joiner"), 409, "LimitExceeded")
                .body("detail", equalTo("Cannot exceed quota for GroupsPerUser: 10"));
        assertThat(api.revision()).isEqualTo(before + 1);
        api.get("groups/g10").body("users.items", hasSize(0));
    }

    @Test
    void groupsHoldOnlyExistingUsersAndNamesAreValidated() {
        api.post("groups", "{\"groupName\":\"g\"}").statusCode(201);
        error(api.put("groups/g/users/ghost"), 404, "NoSuchEntity");
        error(api.put("groups/nope/users/ghost"), 404, "NoSuchEntity");
        error(api.post("groups", "{\"groupName\":\"G\"}"), 409, "EntityAlreadyExists");
        api.post("groups", "{\"groupName\":\"" + "g".repeat(128) + "\"}").statusCode(201);
        error(api.post("groups", "{\"groupName\":\"" + "g".repeat(129) + "\"}"), 400, "ValidationError");
        error(api.post("groups", "{\"groupName\":\"bad name\"}"), 400, "ValidationError");
    }

    @Test
    void listsGroupsInPages() {
        for (String name : List.of("a", "b", "c")) {
            api.post("groups", "{\"groupName\":\"" + name + "\"}").statusCode(201);
        }
        String marker = api.given().queryParam("maxItems", 2).get(api.at("groups")).then().statusCode(200)
                .body("items.groupName", equalTo(List.of("a", "b"))).body("isTruncated", equalTo(true))
                .extract().path("marker");
        api.given().queryParam("marker", marker).get(api.at("groups")).then()
                .body("items.groupName", equalTo(List.of("c"))).body("isTruncated", equalTo(false));
    }
}
