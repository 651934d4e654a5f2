package dev.openiam.identity;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.openiam.identity.Api.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class UserApiTest {

    Api api;

    @BeforeEach
    void newAccount() {
        api = Api.fresh();
    }

    @Test
    void createsGetsUpdatesAndDeletesAUser() {
        api.post("users", "{\"userName\":\"alice\",\"path\":\"/eng/\",\"tags\":[{\"key\":\"team\",\"value\":\"core\"}]}")
                .statusCode(201)
                .header("X-Iam-Revision", notNullValue())
                .body("userName", equalTo("alice"))
                .body("path", equalTo("/eng/"))
                .body("userId", matchesPattern("AIDA[A-Z2-7]{16}"))
                .body("arn", equalTo("arn:aws:iam::" + api.accountId() + ":user/eng/alice"))
                .body("createDate", notNullValue())
                .body("tags[0].key", equalTo("team"));

        api.get("users/ALICE").statusCode(200).body("userName", equalTo("alice")).body("tags", hasSize(1));

        api.patch("users/alice", "{\"newUserName\":\"alicia\",\"newPath\":\"/ops/\"}").statusCode(200)
                .body("arn", equalTo("arn:aws:iam::" + api.accountId() + ":user/ops/alicia"));
        error(api.get("users/alice"), 404, "NoSuchEntity").body("detail", equalTo("The user with name alice cannot be found."));

        api.delete("users/alicia").statusCode(204);
        error(api.get("users/alicia"), 404, "NoSuchEntity");
        error(api.delete("users/alicia"), 404, "NoSuchEntity");
    }

    @Test
    void namesAreUniqueCaseInsensitivelyAndNothingIsWrittenOnConflict() {
        api.post("users", "{\"userName\":\"Bob\"}").statusCode(201);
        long before = api.revision();
        error(api.post("users", "{\"userName\":\"bob\"}"), 409, "EntityAlreadyExists")
                .body("detail", equalTo("User with name bob already exists."));
        assertThat(api.revision()).as("a refused write emits no event").isEqualTo(before + 1);
        api.post("users", "{\"userName\":\"carol\"}").statusCode(201);
        error(api.patch("users/carol", "{\"newUserName\":\"BOB\"}"), 409, "EntityAlreadyExists");
        api.patch("users/carol", "{\"newUserName\":\"Carol\"}").statusCode(200).body("userName", equalTo("Carol"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "slash/no", "ümlaut", "a:b",
            "x123456789012345678901234567890123456789012345678901234567890123456789"})
    void rejectsBadUserNames(String name) {
        long before = api.revision();
        error(api.post("users", "{\"userName\":\"" + name + "\"}"), 400, "ValidationError")
                .body("detail", containsString("userName"));
        assertThat(api.revision()).isEqualTo(before + 1);
    }

    @Test
    void acceptsEveryAllowedNameCharacterAndTheLongestName() {
        api.post("users", "{\"userName\":\"a_b+c=d,e.f@g-h\"}").statusCode(201);
        api.post("users", "{\"userName\":\"" + "n".repeat(64) + "\"}").statusCode(201);
    }

    @Test
    void requiresAUserName() {
        error(api.post("users", "{}"), 400, "ValidationError").body("detail", containsString("Member must not be null"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-slash", "/no-trailing", "//x", "/a b/"})
    void rejectsBadPaths(String path) {
        error(api.post("users", "{\"userName\":\"u\",\"path\":\"" + path + "\"}"), 400, "ValidationError")
                .body("detail", containsString("path"));
    }

    @Test
    void rejectsAPathLongerThan512() {
        String path = "/" + "p".repeat(510) + "/";
        api.post("users", "{\"userName\":\"ok\",\"path\":\"" + path.substring(0, 511) + "/\"}").statusCode(201);
        error(api.post("users", "{\"userName\":\"long\",\"path\":\"/" + "p".repeat(511) + "/\"}"), 400, "ValidationError");
    }

    @Test
    void listsWithPathPrefixAndPagination() {
        for (String name : List.of("u1", "u2", "u3", "u4", "u5")) {
            api.post("users", "{\"userName\":\"" + name + "\",\"path\":\"/" + (name.equals("u5") ? "other" : "team") + "/\"}")
                    .statusCode(201);
        }
        var first = api.given().queryParam("maxItems", 2).queryParam("pathPrefix", "/team/").get(api.at("users")).then()
                .statusCode(200).body("items.userName", equalTo(List.of("u1", "u2"))).body("isTruncated", equalTo(true))
                .extract().jsonPath();
        var second = api.given().queryParam("maxItems", 2).queryParam("pathPrefix", "/team/")
                .queryParam("marker", first.getString("marker")).get(api.at("users")).then()
                .statusCode(200).body("items.userName", equalTo(List.of("u3", "u4"))).extract().jsonPath();
        assertThat(second.getBoolean("isTruncated")).isFalse();
        assertThat(second.getString("marker")).isNull();
        api.get("users").body("items", hasSize(5)).body("isTruncated", equalTo(false)).body("marker", nullValue());
        error(api.given().queryParam("maxItems", 0).get(api.at("users")).then(), 400, "ValidationError");
        error(api.given().queryParam("maxItems", 1001).get(api.at("users")).then(), 400, "ValidationError");
        error(api.given().queryParam("marker", "%%%").get(api.at("users")).then(), 400, "ValidationError");
    }

    @Test
    void tagsUsersWithAwsRules() {
        api.post("users", "{\"userName\":\"t\"}").statusCode(201);
        api.post("users/t/tags", "{\"tags\":[{\"key\":\"Team\",\"value\":\"a\"},{\"key\":\"env\",\"value\":\"\"}]}")
                .statusCode(200).body("tags", hasSize(2));
        // keys are case-insensitive: tagging with another case replaces the value
        api.post("users/t/tags", "{\"tags\":[{\"key\":\"team\",\"value\":\"b\"}]}").statusCode(200);
        api.get("users/t/tags").statusCode(200).body("tags", hasSize(2)).body("tags.find { it.key == 'team' }.value", equalTo("b"));
        api.given().queryParam("tagKeys", "ENV").delete(api.at("users/t/tags")).then().statusCode(200).body("tags", hasSize(1));
        error(api.post("users/t/tags", "{\"tags\":[{\"key\":\"a\",\"value\":\"1\"},{\"key\":\"A\",\"value\":\"2\"}]}"),
                400, "InvalidInput");
        error(api.post("users/t/tags", "{\"tags\":[{\"key\":\"aws:x\",\"value\":\"1\"}]}"), 400, "InvalidInput");
        error(api.post("users/t/tags", "{\"tags\":[{\"key\":\"" + "k".repeat(129) + "\",\"value\":\"1\"}]}"), 400, "ValidationError");
        error(api.post("users/t/tags", "{\"tags\":[{\"key\":\"k\",\"value\":\"" + "v".repeat(257) + "\"}]}"), 400, "ValidationError");
        error(api.post("users/t/tags", "{\"tags\":[{\"key\":\"bad!\",\"value\":\"1\"}]}"), 400, "ValidationError");
        error(api.post("users/t/tags", "{\"tags\":[]}"), 400, "ValidationError");
        error(api.post("users/nobody/tags", "{\"tags\":[{\"key\":\"a\",\"value\":\"1\"}]}"), 404, "NoSuchEntity");
    }

    @Test
    void allowsFiftyTagsAndNotFiftyOne() {
        api.post("users", "{\"userName\":\"many\"}").statusCode(201);
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            tags.append(i == 0 ? "" : ",").append("{\"key\":\"k").append(i).append("\",\"value\":\"v\"}");
        }
        api.post("users/many/tags", "{\"tags\":[" + tags + "]}").statusCode(200).body("tags", hasSize(50));
        long before = api.revision();
        error(api.post("users/many/tags", "{\"tags\":[{\"key\":\"one-more\",\"value\":\"v\"}]}"), 409, "LimitExceeded");
        assertThat(api.revision()).isEqualTo(before + 1);
        api.get("users/many/tags").body("tags", hasSize(50));
        error(api.post("users", "{\"userName\":\"too-many\",\"tags\":[" + tags + ",{\"key\":\"x\",\"value\":\"v\"}]}"),
                400, "ValidationError");
    }

    @Test
    void deleteConflictsWhileTheUserHasKeysOrGroups() {
        api.post("users", "{\"userName\":\"dave\"}").statusCode(201);
        String keyId = api.given().post(api.at("users/dave/access-keys")).then().statusCode(201).extract().path("accessKeyId");
        error(api.delete("users/dave"), 409, "DeleteConflict").body("detail", containsString("access keys"));
        api.delete("users/dave/access-keys/" + keyId).statusCode(204);
        api.post("groups", "{\"groupName\":\"g\"}").statusCode(201);
        api.put("groups/g/users/dave").statusCode(204);
        error(api.delete("users/dave"), 409, "DeleteConflict");
        api.delete("groups/g/users/dave").statusCode(204);
        api.delete("users/dave").statusCode(204);
    }

    @ParameterizedTest
    @CsvSource({"'{\"userName\":', ValidationError", "'[1]', ValidationError"})
    void malformedBodiesAreValidationErrors(String body, String code) {
        error(api.post("users", body), 400, code);
    }
}
