package dev.openiam.identity.oidcprovider;

import dev.openiam.identity.Api;
import dev.openiam.identity.QueryApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** OpenID Connect providers through the Query front door: AWS's URL, client-id and thumbprint rules. */
@QuarkusTest
class OidcProviderTest {

    static final String PRINT = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";

    Api api;
    QueryApi iam;

    @BeforeEach
    void newAccount() {
        api = Api.fresh();
        iam = new QueryApi(api);
    }

    String arn(String hostAndPath) {
        return "arn:aws:iam::" + api.accountId() + ":oidc-provider/" + hostAndPath;
    }

    @Test
    void createGetListUpdateAndDelete() {
        XmlPath created = iam.ok("CreateOpenIDConnectProvider", "Url", "https://token.example.com/tenant",
                "ClientIDList.member.1", "app", "ClientIDList.member.2", "cli", "ThumbprintList.member.1", PRINT,
                "Tags.member.1.Key", "team", "Tags.member.1.Value", "core");
        String arn = arn("token.example.com/tenant");
        assertThat(created.getString("OpenIDConnectProviderArn")).isEqualTo(arn);
        XmlPath got = iam.ok("GetOpenIDConnectProvider", "OpenIDConnectProviderArn", arn);
        assertThat(got.getString("Url")).isEqualTo("token.example.com/tenant");
        assertThat(got.getList("ClientIDList.member")).containsExactly("app", "cli");
        assertThat(got.getList("ThumbprintList.member")).containsExactly(PRINT);
        assertThat(got.getString("CreateDate")).isNotBlank();
        assertThat(got.getList("Tags.member.Key")).containsExactly("team");

        assertThat(iam.error(409, "EntityAlreadyExists", "CreateOpenIDConnectProvider", "Url", "https://TOKEN.example.com/tenant"))
                .contains("already exists");
        iam.ok("CreateOpenIDConnectProvider", "Url", "https://other.example.com");
        assertThat(iam.ok("ListOpenIDConnectProviders").getList("OpenIDConnectProviderList.member.Arn"))
                .containsExactlyInAnyOrder(arn, arn("other.example.com"));

        iam.ok("AddClientIDToOpenIDConnectProvider", "OpenIDConnectProviderArn", arn, "ClientID", "web");
        iam.ok("AddClientIDToOpenIDConnectProvider", "OpenIDConnectProviderArn", arn, "ClientID", "web");
        iam.ok("RemoveClientIDFromOpenIDConnectProvider", "OpenIDConnectProviderArn", arn, "ClientID", "app");
        iam.ok("RemoveClientIDFromOpenIDConnectProvider", "OpenIDConnectProviderArn", arn, "ClientID", "never-there");
        iam.ok("UpdateOpenIDConnectProviderThumbprint", "OpenIDConnectProviderArn", arn);
        got = iam.ok("GetOpenIDConnectProvider", "OpenIDConnectProviderArn", arn);
        assertThat(got.getList("ClientIDList.member")).containsExactly("cli", "web");
        assertThat(got.getList("ThumbprintList.member")).isEmpty();

        iam.ok("TagOpenIDConnectProvider", "OpenIDConnectProviderArn", arn, "Tags.member.1.Key", "env", "Tags.member.1.Value", "prod");
        iam.ok("UntagOpenIDConnectProvider", "OpenIDConnectProviderArn", arn, "TagKeys.member.1", "team");
        assertThat(iam.ok("ListOpenIDConnectProviderTags", "OpenIDConnectProviderArn", arn).getList("Tags.member.Key"))
                .containsExactly("env");

        iam.ok("DeleteOpenIDConnectProvider", "OpenIDConnectProviderArn", arn);
        assertThat(iam.error(404, "NoSuchEntity", "GetOpenIDConnectProvider", "OpenIDConnectProviderArn", arn))
                .isEqualTo("OpenIDConnect Provider not found for arn " + arn);
        iam.error(404, "NoSuchEntity", "DeleteOpenIDConnectProvider", "OpenIDConnectProviderArn", arn);
        iam.error(400, "InvalidInput", "GetOpenIDConnectProvider", "OpenIDConnectProviderArn", "not-an-arn-at-all-really");
    }

    @ParameterizedTest
    @CsvSource({
            "http://token.example.com, InvalidInput",
            "token.example.com, InvalidInput",
            "https://token.example.com?tenant=1, InvalidInput",
            "https://token.example.com/#frag, InvalidInput",
            "https://user@token.example.com, InvalidInput",
            "https://, InvalidInput"})
    void badUrlsAreRefusedAndWriteNothing(String url, String code) {
        long before = api.revision();
        iam.error(400, code, "CreateOpenIDConnectProvider", "Url", url);
        assertThat(api.revision()).isEqualTo(before + 1);
        assertThat(iam.ok("ListOpenIDConnectProviders").getList("OpenIDConnectProviderList.member")).isEmpty();
    }

    @Test
    void limitsOfUrlsClientIdsThumbprintsAndTags() {
        iam.error(400, "ValidationError", "CreateOpenIDConnectProvider", "Url", "https://" + "a".repeat(250) + ".com");
        iam.error(400, "ValidationError", "CreateOpenIDConnectProvider", "Url", "https://a.example.com",
                "ThumbprintList.member.1", PRINT.substring(1));
        iam.error(400, "InvalidInput", "CreateOpenIDConnectProvider", "Url", "https://a.example.com",
                "ThumbprintList.member.1", "z" + PRINT.substring(1));
        List<String> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add("ThumbprintList.member." + (i + 1));
            six.add(PRINT.substring(0, 39) + i);
        }
        iam.error(400, "InvalidInput", "CreateOpenIDConnectProvider", with(six, "Url", "https://a.example.com"));
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 101; i++) {
            ids.add("ClientIDList.member." + i);
            ids.add("client-" + i);
        }
        assertThat(iam.error(409, "LimitExceeded", "CreateOpenIDConnectProvider", with(ids, "Url", "https://a.example.com")))
                .isEqualTo("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100");
        iam.error(400, "ValidationError", "CreateOpenIDConnectProvider", "Url", "https://a.example.com",
                "ClientIDList.member.1", "c".repeat(256));
        List<String> tags = new ArrayList<>();
        for (int i = 1; i <= 51; i++) {
            tags.add("Tags.member." + i + ".Key");
            tags.add("k" + i);
            tags.add("Tags.member." + i + ".Value");
            tags.add("v");
        }
        iam.error(400, "ValidationError", "CreateOpenIDConnectProvider", with(tags, "Url", "https://a.example.com"));
        assertThat(iam.ok("ListOpenIDConnectProviders").getList("OpenIDConnectProviderList.member")).isEmpty();

        ids.subList(200, 202).clear(); // the 101st goes: 100 client ids
        String arn = iam.ok("CreateOpenIDConnectProvider", with(ids, "Url", "https://a.example.com:8443/path/"))
                .getString("OpenIDConnectProviderArn");
        assertThat(arn).isEqualTo(arn("a.example.com:8443/path"));
        iam.error(409, "LimitExceeded", "AddClientIDToOpenIDConnectProvider", "OpenIDConnectProviderArn", arn, "ClientID", "one-more");
    }

    private static String[] with(List<String> params, String... more) {
        List<String> all = new ArrayList<>(List.of(more));
        all.addAll(params);
        return all.toArray(String[]::new);
    }
}
