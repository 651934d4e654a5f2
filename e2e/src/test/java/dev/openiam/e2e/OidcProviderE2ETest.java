package dev.openiam.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.OpenIDConnectProviderListEntry;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.openiam.e2e.IamErrors.assertError;

/** OpenID Connect providers with the unchanged AWS SDK for Java v2 (thumbprints optional) and the AWS CLI v2. */
@ExtendWith(LocalSystem.class)
class OidcProviderE2ETest {

    static final String PRINT = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";

    static IamClient root;
    final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void client() {
        root = Clients.root();
    }

    @AfterAll
    static void close() {
        root.close();
    }

    @Test
    void theSdkManagesAProviderWithoutThumbprints() {
        String host = "idp-" + run + ".example.com";
        String arn = root.createOpenIDConnectProvider(b -> b.url("https://" + host + "/tenant").clientIDList("app")
                .tags(t -> t.key("team").value("core"))).openIDConnectProviderArn();
        assertThat(arn).isEqualTo("arn:aws:iam::" + LocalSystem.get().accountId() + ":oidc-provider/" + host + "/tenant");
        var got = root.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn));
        assertThat(got.url()).isEqualTo(host + "/tenant");
        assertThat(got.clientIDList()).containsExactly("app");
        assertThat(got.thumbprintList()).isEmpty();
        assertThat(got.tags()).singleElement().satisfies(t -> assertThat(t.key()).isEqualTo("team"));
        assertThat(root.listOpenIDConnectProviders().openIDConnectProviderList()).extracting(OpenIDConnectProviderListEntry::arn)
                .contains(arn);

        assertError(() -> root.createOpenIDConnectProvider(b -> b.url("https://" + host + "/tenant")), 409, "EntityAlreadyExists");
        assertError(() -> root.createOpenIDConnectProvider(b -> b.url("http://" + host)), 400, "InvalidInput");
        assertError(() -> root.createOpenIDConnectProvider(b -> b.url("https://" + host + "?x=1")), 400, "InvalidInput");
        assertError(() -> root.createOpenIDConnectProvider(b -> b.url("https://" + host).thumbprintList("abc")), 400, "ValidationError");

        root.addClientIDToOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn).clientID("cli"));
        root.removeClientIDFromOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn).clientID("app"));
        root.updateOpenIDConnectProviderThumbprint(b -> b.openIDConnectProviderArn(arn).thumbprintList(PRINT));
        got = root.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn));
        assertThat(got.clientIDList()).containsExactly("cli");
        assertThat(got.thumbprintList()).containsExactly(PRINT);
        root.tagOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn).tags(t -> t.key("env").value("prod")));
        root.untagOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn).tagKeys("team"));
        assertThat(root.listOpenIDConnectProviderTags(b -> b.openIDConnectProviderArn(arn)).tags())
                .singleElement().satisfies(t -> assertThat(t.key()).isEqualTo("env"));

        root.deleteOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn));
        assertError(() -> root.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn)), 404, "NoSuchEntity");
    }

    @Test
    void theAwsCliCreatesListsAndDeletesAProvider() throws Exception {
        RequiredClients.awsCliV2();
        String arn = AwsCli.iam("create-open-id-connect-provider", "--url", "https://cli-" + run + ".example.com",
                "--client-id-list", "app", "--thumbprint-list", PRINT, "--query", "OpenIDConnectProviderArn", "--output", "text").strip();
        assertThat(arn).endsWith(":oidc-provider/cli-" + run + ".example.com");
        assertThat(AwsCli.iam("get-open-id-connect-provider", "--open-id-connect-provider-arn", arn, "--query", "ThumbprintList[0]",
                "--output", "text")).isEqualToIgnoringWhitespace(PRINT);
        assertThat(AwsCli.iam("list-open-id-connect-providers", "--output", "text")).contains(arn);
        AwsCli.iam("delete-open-id-connect-provider", "--open-id-connect-provider-arn", arn);
        assertThat(AwsCli.iam("list-open-id-connect-providers", "--output", "text")).doesNotContain(arn);
    }
}
