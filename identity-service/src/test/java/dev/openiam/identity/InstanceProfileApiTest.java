package dev.openiam.identity;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.openiam.identity.Api.error;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

@QuarkusTest
class InstanceProfileApiTest {

    Api api;

    @BeforeEach
    void newAccount() {
        api = Api.fresh();
        api.post("roles", RoleApiTest.role("r1", RoleApiTest.TRUST, "")).statusCode(201);
        api.post("roles", RoleApiTest.role("r2", RoleApiTest.TRUST, "")).statusCode(201);
    }

    @Test
    void holdsAtMostOneRole() {
        api.post("instance-profiles", "{\"instanceProfileName\":\"ip\",\"path\":\"/web/\",\"tags\":[{\"key\":\"a\",\"value\":\"b\"}]}")
                .statusCode(201)
                .body("instanceProfileId", matchesPattern("AIPA[A-Z2-7]{16}"))
                .body("arn", equalTo("arn:aws:iam::" + api.accountId() + ":instance-profile/web/ip"))
                .body("roles", hasSize(0));
        api.put("instance-profiles/ip/roles/r1").statusCode(204);
        error(api.put("instance-profiles/ip/roles/r2"), 409, "LimitExceeded");
        api.get("instance-profiles/ip").statusCode(200).body("roles.roleName", equalTo(List.of("r1")))
                .body("tags", hasSize(1));
        api.get("roles/r1/instance-profiles").statusCode(200).body("items.instanceProfileName", equalTo(List.of("ip")));
        api.get("roles/r2/instance-profiles").statusCode(200).body("items", hasSize(0));
        error(api.delete("instance-profiles/ip"), 409, "DeleteConflict");
        error(api.delete("instance-profiles/ip/roles/r2"), 404, "NoSuchEntity");
        api.delete("instance-profiles/ip/roles/r1").statusCode(204);
        api.delete("instance-profiles/ip").statusCode(204);
        error(api.get("instance-profiles/ip"), 404, "NoSuchEntity");
    }

    @Test
    void namesAreUniqueAndValidated() {
        api.post("instance-profiles", "{\"instanceProfileName\":\"p\"}").statusCode(201);
        error(api.post("instance-profiles", "{\"instanceProfileName\":\"P\"}"), 409, "EntityAlreadyExists");
        error(api.post("instance-profiles", "{\"instanceProfileName\":\"no way\"}"), 400, "ValidationError");
        error(api.put("instance-profiles/p/roles/ghost"), 404, "NoSuchEntity");
        error(api.put("instance-profiles/ghost/roles/r1"), 404, "NoSuchEntity");
        api.get("instance-profiles").body("items.instanceProfileName", equalTo(List.of("p")));
    }
}
