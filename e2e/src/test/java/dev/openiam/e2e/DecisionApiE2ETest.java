package dev.openiam.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * policy-service's decision API as users' own services call it: signed with SigV4 by an IAM principal's access key
 * (signing name {@code authz}, as with Amazon Verified Permissions' IsAuthorized), authorized by policy on
 * {@code authz:Authorize} for the principal asked about, in the caller's own account only.
 */
@ExtendWith(LocalSystem.class)
class DecisionApiE2ETest {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String ASKED = "asked-" + RUN;
    static AccessKey asker;
    static AccessKey bystander;

    /** asked: may read its own prefix; asker: may ask about any user of the account; bystander: may ask nothing. */
    @BeforeAll
    static void principals() {
        String account = LocalSystem.get().accountId();
        try (IamClient root = Clients.root()) {
            root.createUser(b -> b.userName(ASKED));
            root.putUserPolicy(b -> b.userName(ASKED).policyName("s3read").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                    + "[{\"Sid\":\"Read\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/${aws:username}/*\"}]}"));
            root.createUser(b -> b.userName("asker-" + RUN));
            root.putUserPolicy(b -> b.userName("asker-" + RUN).policyName("ask").policyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"authz:Authorize\",\"Resource\":\"arn:aws:iam::" + account
                    + ":user/*\"}]}"));
            asker = root.createAccessKey(b -> b.userName("asker-" + RUN)).accessKey();
            root.createUser(b -> b.userName("bystander-" + RUN));
            bystander = root.createAccessKey(b -> b.userName("bystander-" + RUN)).accessKey();
        }
        // the new users and policies reach the decision point through the events (milliseconds): wait for them, as a
        // client would retry, so that each test below sees them
        LocalSystem system = LocalSystem.get();
        String own = question(userArn(ASKED), "s3:GetObject", "arn:aws:s3:::bucket/" + ASKED + "/a", "");
        await("the decision point knows the new principals").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> signed(system.accessKeyId(), system.secretAccessKey(), "/v1/authorize", own).body().contains("\"Allow\"")
                        && signed(asker.accessKeyId(), asker.secretAccessKey(), "/v1/authorize", own).statusCode() == 200);
    }

    @Test
    void answersAnAllowedCallerWithTheDecisionAndTheStatementsThatDecidedIt() {
        String allowed = question(userArn(ASKED), "s3:GetObject", "arn:aws:s3:::bucket/" + ASKED + "/a", "");
        HttpResponse<String> answer = signed(asker.accessKeyId(), asker.secretAccessKey(), "/v1/authorize", allowed);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"decision\":\"Allow\"").contains("inline/s3read:Read");

        String other = question(userArn(ASKED), "s3:GetObject", "arn:aws:s3:::bucket/someone/a", "");
        HttpResponse<String> batch = signed(asker.accessKeyId(), asker.secretAccessKey(), "/v1/authorize:batch",
                "{\"requests\":[" + allowed + "," + other + "]}");
        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
        assertThat(batch.body()).matches("(?s).*\"Allow\".*\"ImplicitDeny\".*")
                .contains("because no identity-based policy allows the s3:GetObject action");
    }

    @Test
    void refusesUnauthenticatedCallersAndCallersTheirPoliciesDoNotAllow() throws Exception {
        String question = question(userArn(ASKED), "s3:GetObject", "*", "");
        assertRefused(post("/v1/authorize", Map.of(), question), 403, "MissingAuthenticationToken");
        assertRefused(post("/v1/authorize", Map.of("Authorization", List.of("Bearer not-a-token")), question), 403, "AccessDenied");
        assertRefused(signed(asker.accessKeyId(), "x".repeat(40), "/v1/authorize", question), 403, "SignatureDoesNotMatch");
        assertRefused(signed(bystander.accessKeyId(), bystander.secretAccessKey(), "/v1/authorize", question), 403, "AccessDenied");
    }

    @Test
    void refusesQuestionsAboutAnotherAccount() throws Exception {
        FreshAccount other = FreshAccount.create();
        String otherRootKey = other.accessKeyId();
        String otherRootSecret = other.secretAccessKey();
        // another account's root, about a user of this one
        assertRefused(signed(otherRootKey, otherRootSecret, "/v1/authorize", question(userArn(ASKED), "s3:GetObject", "*", "")), 403,
                "AccessDenied");
        // this account's asker, about that account's root
        String otherRoot = "arn:aws:iam::" + other.accountId() + ":root";
        assertRefused(signed(asker.accessKeyId(), asker.secretAccessKey(), "/v1/authorize", question(otherRoot, "s3:GetObject", "*", "")),
                403, "AccessDenied");
    }

    @Test
    void theContextPassedNeverOverridesWhatIsDerivedAboutThePrincipal() throws Exception {
        LocalSystem system = LocalSystem.get();
        String lies = ",\"context\":{\"aws:username\":\"someone\",\"aws:PrincipalArn\":\"arn:aws:iam::" + system.accountId()
                + ":user/someone\"}";
        // the asked user reads its own prefix, never the one the context claims it has
        HttpResponse<String> claimed = signed(system.accessKeyId(), system.secretAccessKey(), "/v1/authorize",
                question(userArn(ASKED), "s3:GetObject", "arn:aws:s3:::bucket/someone/a", lies));
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
        assertThat(claimed.body()).contains("\"decision\":\"ImplicitDeny\"");
        HttpResponse<String> own = signed(system.accessKeyId(), system.secretAccessKey(), "/v1/authorize",
                question(userArn(ASKED), "s3:GetObject", "arn:aws:s3:::bucket/" + ASKED + "/a", lies));
        assertThat(own.body()).contains("\"decision\":\"Allow\"");
    }

    @Test
    void neverDecidesOnStateOlderThanAsked() {
        LocalSystem system = LocalSystem.get();
        String question = question(userArn("nobody"), "s3:GetObject", "*", ",\"atLeastRevision\":{\"identity\":999999999}");
        HttpResponse<String> future = signed(system.accessKeyId(), system.secretAccessKey(), "/v1/authorize", question);
        assertThat(future.statusCode()).as(future.body()).isEqualTo(503);
        assertThat(future.body()).contains("ServiceUnavailable");
    }

    // --- helpers ------------------------------------------------------------------------------------------

    static String userArn(String user) {
        return "arn:aws:iam::" + LocalSystem.get().accountId() + ":user/" + user;
    }

    /** A question; {@code extra} is more JSON members, each with its leading comma. */
    static String question(String principal, String action, String resource, String extra) {
        return "{\"principal\":\"" + principal + "\",\"action\":\"" + action + "\",\"resource\":\"" + resource + "\"" + extra + "}";
    }

    /** {@code json} to policy-service's {@code path}, signed with the AWS SDK's own SigV4 signer for signing name {@code authz}. */
    static HttpResponse<String> signed(String accessKeyId, String secret, String path, String json) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create(LocalSystem.get().policyEndpoint() + path)).putHeader("Content-Type", "application/json").build();
        Map<String, List<String>> headers = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKeyId, secret))
                .request(request)
                .payload(ContentStreamProvider.fromUtf8String(json))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "authz")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request().headers();
        try {
            return post(path, headers, json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> post(String path, Map<String, List<String>> headers, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(LocalSystem.get().policyEndpoint() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach((name, values) -> {
            if (!List.of("host", "content-type", "content-length").contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertRefused(HttpResponse<String> answer, int status, String code) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.body()).contains("\"code\":\"" + code + "\"").doesNotContain("\"decision\"");
    }

    static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(matcher.find()).as(name + " in " + json).isTrue();
        return matcher.group(1);
    }
}
