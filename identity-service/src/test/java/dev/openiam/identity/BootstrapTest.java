package dev.openiam.identity;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The first start created the configured account and root key (test profile: 111122223333). */
@QuarkusTest
class BootstrapTest {

    @Test
    void theConfiguredRootKeyAuthenticatesForTheBootstrapAccount() {
        Api.BOOTSTRAP.get("root/access-keys").statusCode(200)
                .body("accessKeys.accessKeyId", hasItem(Api.BOOTSTRAP.accessKeyId()))
                .body("accessKeys[0].status", equalTo("Active"));
    }

    @Test
    void newAccountsGetTwelveDigitIdsAndAWorkingRootKey() {
        Api fresh = Api.fresh();
        org.assertj.core.api.Assertions.assertThat(fresh.accountId()).matches("[1-9]\\d{11}");
        fresh.get("root/access-keys").statusCode(200).body("accessKeys.accessKeyId", hasItem(fresh.accessKeyId()));
        Api.error(Api.BOOTSTRAP.given().body("{\"accountId\":\"" + fresh.accountId() + "\"}").post("/v1/accounts").then(),
                409, "EntityAlreadyExists");
        Api.error(Api.BOOTSTRAP.given().body("{\"accountId\":\"12\"}").post("/v1/accounts").then(), 400, "ValidationError");
    }
}
