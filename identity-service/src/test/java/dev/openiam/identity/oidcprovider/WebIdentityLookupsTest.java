package dev.openiam.identity.oidcprovider;

import dev.openiam.identity.Api;
import dev.openiam.identity.QueryApi;
import dev.openiam.identity.auth.PeerServices;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceKey;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** The two look-ups sts-service makes for AssumeRoleWithWebIdentity and GetAccessKeyInfo, and who may make them. */
@QuarkusTest
class WebIdentityLookupsTest {

    static final String PROVIDER = "/internal/v1/oidc-providers/lookup";
    static final String ACCESS_KEY = "/internal/v1/access-keys/lookup";

    Api api;
    QueryApi iam;

    @BeforeEach
    void anAccountWithAProvider() {
        api = Api.fresh();
        iam = new QueryApi(api);
        iam.ok("CreateOpenIDConnectProvider", "Url", "https://issuer.example.com/cluster-1", "ClientIDList.member.1", "sts.amazonaws.com",
                "ClientIDList.member.2", "app");
    }

    static ValidatableResponse ask(ServiceKey service, Purpose purpose, String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return RestAssured.given().contentType(ContentType.JSON).body(body)
                .header("Authorization", "Bearer " + PeerServices.token(service, purpose, "POST", path, body)).post(path).then();
    }

    @Test
    void aProviderIsFoundByItsUrlWithItsClientIds() {
        ask(PeerServices.STS, Purpose.OIDC_PROVIDER_LOOKUP, PROVIDER,
                "{\"accountId\":\"" + api.accountId() + "\",\"url\":\"issuer.example.com/cluster-1\"}").statusCode(200)
                .body("arn", equalTo("arn:aws:iam::" + api.accountId() + ":oidc-provider/issuer.example.com/cluster-1"))
                .body("url", equalTo("issuer.example.com/cluster-1"))
                .body("clientIds", contains("sts.amazonaws.com", "app"));
        // another account's provider, or another path, is not this account's
        Api.error(ask(PeerServices.STS, Purpose.OIDC_PROVIDER_LOOKUP, PROVIDER,
                "{\"accountId\":\"" + Api.BOOTSTRAP.accountId() + "\",\"url\":\"issuer.example.com/cluster-1\"}"), 404, "NoSuchEntity")
                .body("detail", equalTo("No OpenIDConnect provider found in your account for https://issuer.example.com/cluster-1"));
        Api.error(ask(PeerServices.STS, Purpose.OIDC_PROVIDER_LOOKUP, PROVIDER,
                "{\"accountId\":\"" + api.accountId() + "\",\"url\":\"issuer.example.com/cluster-2\"}"), 404, "NoSuchEntity");
        Api.error(ask(PeerServices.STS, Purpose.OIDC_PROVIDER_LOOKUP, PROVIDER,
                "{\"accountId\":\"12\",\"url\":\"issuer.example.com/cluster-1\"}"), 400, "ValidationError");
    }

    @Test
    void anAccessKeyIsFoundWhateverItsStatus() {
        String keyId = iam.ok("CreateAccessKey").getString("AccessKey.AccessKeyId");
        iam.ok("UpdateAccessKey", "AccessKeyId", keyId, "Status", "Inactive");
        ask(PeerServices.STS, Purpose.ACCESS_KEY_LOOKUP, ACCESS_KEY, "{\"accessKeyId\":\"" + keyId + "\"}").statusCode(200)
                .body("accountId", equalTo(api.accountId()));
        iam.ok("DeleteAccessKey", "AccessKeyId", keyId);
        Api.error(ask(PeerServices.STS, Purpose.ACCESS_KEY_LOOKUP, ACCESS_KEY, "{\"accessKeyId\":\"" + keyId + "\"}"), 404, "NoSuchEntity");
        Api.error(ask(PeerServices.STS, Purpose.ACCESS_KEY_LOOKUP, ACCESS_KEY, "{\"accessKeyId\":\"AKIA\"}"), 400, "ValidationError");
    }

    @Test
    void onlyStsServiceMayLookUpAndOnlyForThatPurpose() {
        String provider = "{\"accountId\":\"" + api.accountId() + "\",\"url\":\"issuer.example.com/cluster-1\"}";
        Api.error(ask(PeerServices.POLICY, Purpose.OIDC_PROVIDER_LOOKUP, PROVIDER, provider), 403, "AccessDenied");
        Api.error(ask(PeerServices.STS, Purpose.ROLE_LOOKUP, PROVIDER, provider), 403, "AccessDenied");
        String key = "{\"accessKeyId\":\"" + api.accessKeyId() + "\"}";
        Api.error(ask(PeerServices.POLICY, Purpose.ACCESS_KEY_LOOKUP, ACCESS_KEY, key), 403, "AccessDenied");
        Api.error(ask(PeerServices.STS, Purpose.OIDC_PROVIDER_LOOKUP, ACCESS_KEY, key), 403, "AccessDenied");
        Api.error(RestAssured.given().contentType(ContentType.JSON).body(key).post(ACCESS_KEY).then(), 403, "AccessDenied");
        ask(PeerServices.STS, Purpose.ACCESS_KEY_LOOKUP, ACCESS_KEY, key).statusCode(200).body("accountId", equalTo(api.accountId()));
    }
}
