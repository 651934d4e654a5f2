package dev.openiam.policyservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.glue.denial.AuthorizationMessageCodec;
import dev.openiam.glue.denial.AuthorizationMessages;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.PeerKeys;
import dev.openiam.internalauth.ServiceKey;
import dev.openiam.internalauth.TrustedKeys;
import dev.openiam.internalauth.TokenIssuer;
import dev.openiam.policyservice.principal.Principal;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The decision API for users' own services: callers sign with SigV4 (the AWS SDK's own signer, signing name
 * {@code authz}); who signed is checked by identity-service (here its stand-in, with identity-service's SigV4
 * verifier); the caller may ask only about principals of its own account, only where its policies allow
 * {@code authz:Authorize} on the principal asked about; and the context it passes never overrides what is
 * derived about that principal.
 */
@QuarkusTest
class DecisionApiTest {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI endpoint;

    Iam root;
    Principal alice;
    Principal bob;
    Principal carol;
    IdentityStandIn.AccessKey aliceKey;
    IdentityStandIn.AccessKey carolKey;

    /** A fresh account: alice may ask about its users but admin; carol may ask nothing; bob is asked about. */
    @BeforeEach
    void account() {
        root = Iam.freshAccount();
        String account = root.accountId();
        alice = IdentityStandIn.user(account, "alice");
        bob = IdentityStandIn.user(account, "bob");
        carol = IdentityStandIn.user(account, "carol");
        IdentityStandIn.user(account, "admin");
        IdentityStandIn.tag(bob, "team", "devs");
        aliceKey = IdentityStandIn.accessKey(account, alice);
        carolKey = IdentityStandIn.accessKey(account, carol);
        root.written("PutUserPolicy", "UserName", "alice", "PolicyName", "ask", "PolicyDocument", "{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"authz:Authorize\",\"Resource\":\"" + root.arn("user/*") + "\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"authz:*\",\"Resource\":\"" + root.arn("user/admin") + "\"}]}");
        root.written("PutUserPolicy", "UserName", "bob", "PolicyName", "read", "PolicyDocument", "{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Sid\":\"Own\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::bucket/${aws:username}/*\"},"
                + "{\"Sid\":\"Team\",\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"devs\"}}},"
                + "{\"Sid\":\"Admins\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::vault/*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"admins\"}}},"
                + "{\"Sid\":\"AdminName\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::vault/*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:username\":\"admin\"}}},"
                + "{\"Sid\":\"AdminArn\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::vault/*\","
                + "\"Condition\":{\"ArnEquals\":{\"aws:PrincipalArn\":\"" + root.arn("user/admin") + "\"}}},"
                + "{\"Sid\":\"Roles\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::vault/*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalType\":\"Role\"}}}]}");
    }

    @Test
    void anAllowedCallerGetsTheDecisionsAboutPrincipalsOfItsAccount() throws Exception {
        String own = question(bob.arn(), "s3:GetObject", "arn:aws:s3:::bucket/bob/report.csv", Map.of());
        Answer one = signed(aliceKey, "/v1/authorize", own);
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.json().path("decision").asText()).isEqualTo("Allow");
        assertThat(one.body()).contains("inline/read:Own");

        String other = question(bob.arn(), "s3:GetObject", "arn:aws:s3:::bucket/alice/report.csv", Map.of());
        Answer batch = signed(aliceKey, "/v1/authorize:batch", "{\"requests\":[" + own + "," + other + "]}");
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        assertThat(batch.json().path("results").findValuesAsText("decision")).containsExactly("Allow", "ImplicitDeny");
    }

    @Test
    void aCallerThatReadsOnlyTheDecisionMayGoWithoutTheReasonsOfAnAllow() throws Exception {
        Map<String, Object> own = new java.util.HashMap<>(Map.of("principal", bob.arn(), "action", "s3:GetObject",
                "resource", "arn:aws:s3:::bucket/bob/report.csv", "reasons", false));
        Answer allowed = signed(aliceKey, "/v1/authorize", JSON.writeValueAsString(own));
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        assertThat(allowed.json().path("decision").asText()).isEqualTo("Allow");
        assertThat(allowed.json().path("reasons").isNull()).as(allowed.body()).isTrue();
        own.put("reasons", true);
        Answer explained = signed(aliceKey, "/v1/authorize", JSON.writeValueAsString(own));
        assertThat(explained.json().path("reasons").size()).as(explained.body()).isEqualTo(1);
        assertThat(explained.json().path("reasons").get(0).asText()).endsWith("inline/read:Own");
        // a deny names its reasons whatever was asked: its message carries them
        long revision = root.written("PutUserPolicy", "UserName", "bob", "PolicyName", "fence", "PolicyDocument",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Fence\",\"Effect\":\"Deny\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}");
        own.put("reasons", false);
        own.put("atLeastRevision", Map.of("policy", revision));
        Answer denied = signed(aliceKey, "/v1/authorize", JSON.writeValueAsString(own));
        assertThat(denied.json().path("decision").asText()).as(denied.body()).isEqualTo("ExplicitDeny");
        assertThat(denied.json().path("reasons").size()).as(denied.body()).isEqualTo(1);
        assertThat(denied.json().path("reasons").get(0).asText()).endsWith("inline/fence:Fence");
    }

    @Test
    void theRootUserMayAskAboutAnyPrincipalOfItsAccount() throws Exception {
        IdentityStandIn.AccessKey rootKey = IdentityStandIn.rootKey(root.accountId());
        Answer answer = signed(rootKey, "/v1/authorize", question(root.arn("user/admin"), "s3:GetObject", "*", Map.of()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("decision").asText()).isEqualTo("ImplicitDeny");
    }

    @Test
    void unauthenticatedCallersGetNoDecision() throws Exception {
        String question = question(bob.arn(), "s3:GetObject", "arn:aws:s3:::bucket/bob/a", Map.of());
        assertRefused(send("/v1/authorize", question, Map.of()), 403, "MissingAuthenticationToken");
        assertRefused(send("/v1/authorize", question, Map.of("Authorization", List.of("Basic YWxpY2U6c2VjcmV0"))), 403,
                "MissingAuthenticationToken");
        assertRefused(send("/v1/authorize", question, Map.of("Authorization", List.of("Bearer not.a.token"))), 403, "AccessDenied");
        IdentityStandIn.AccessKey wrongSecret = new IdentityStandIn.AccessKey(root.accountId(), alice, aliceKey.accessKeyId(),
                "x".repeat(40));
        assertRefused(signed(wrongSecret, "/v1/authorize", question), 403, "SignatureDoesNotMatch");
        IdentityStandIn.AccessKey unknown = new IdentityStandIn.AccessKey(root.accountId(), alice, "AKIAZZZZZZZZZZZZZZZZ",
                aliceKey.secret());
        assertRefused(signed(unknown, "/v1/authorize", question), 403, "InvalidClientTokenId");
        // signed for another service, or for another body than the one sent
        assertRefused(send("/v1/authorize", question, sign(aliceKey, "/v1/authorize", question, "iam")), 403, "SignatureDoesNotMatch");
        String other = question(bob.arn(), "s3:GetObject", "arn:aws:s3:::bucket/bob/b", Map.of());
        assertRefused(send("/v1/authorize", other, sign(aliceKey, "/v1/authorize", question, "authz")), 403, "SignatureDoesNotMatch");
    }

    @Test
    void aCallerMayAskOnlyAboutPrincipalsOfItsOwnAccount() throws Exception {
        Iam elsewhere = Iam.freshAccount();
        Principal stranger = IdentityStandIn.user(elsewhere.accountId(), "stranger");
        assertRefused(signed(aliceKey, "/v1/authorize", question(stranger.arn(), "s3:GetObject", "*", Map.of())), 403, "AccessDenied");
        assertRefused(signed(aliceKey, "/v1/authorize", question(elsewhere.arn("root"), "s3:GetObject", "*", Map.of())), 403,
                "AccessDenied");
        String batch = "{\"requests\":[" + question(bob.arn(), "s3:GetObject", "*", Map.of()) + ","
                + question(stranger.arn(), "s3:GetObject", "*", Map.of()) + "]}";
        assertRefused(signed(aliceKey, "/v1/authorize:batch", batch), 403, "AccessDenied");
        // a root user too
        assertRefused(signed(IdentityStandIn.rootKey(root.accountId()), "/v1/authorize",
                question(stranger.arn(), "s3:GetObject", "*", Map.of())), 403, "AccessDenied");
    }

    @Test
    void aCallerMayAskOnlyWhatItsPoliciesAllow() throws Exception {
        String aboutBob = question(bob.arn(), "s3:GetObject", "arn:aws:s3:::bucket/bob/a", Map.of());
        Answer carolAsks = signed(carolKey, "/v1/authorize", aboutBob);
        assertRefused(carolAsks, 403, "AccessDenied");
        assertThat(carolAsks.json().path("detail").asText()).contains(carol.arn()).contains("authz:Authorize").contains(bob.arn());
        // alice's explicit deny on admin
        assertRefused(signed(aliceKey, "/v1/authorize", question(root.arn("user/admin"), "s3:GetObject", "*", Map.of())), 403,
                "AccessDenied");
        String batch = "{\"requests\":[" + aboutBob + "," + question(root.arn("user/admin"), "s3:GetObject", "*", Map.of()) + "]}";
        assertRefused(signed(aliceKey, "/v1/authorize:batch", batch), 403, "AccessDenied");
    }

    /** A denial, answered as AccessDenied or as a decision, carries AWS's encoded authorization message, which STS opens. */
    @Test
    void aDenialCarriesAnEncodedAuthorizationMessage() throws Exception {
        AuthorizationMessageCodec sts = new AuthorizationMessageCodec(
                new PeerKeys(Iam.STS, TrustedKeys.fromDirectory(Path.of("src/test/resources/trust/trusted"))),
                ServiceKey.read("session", Path.of("src/test/resources/trust/session.pem")), Clock.systemUTC());
        Answer refused = signed(aliceKey, "/v1/authorize", question(root.arn("user/admin"), "s3:GetObject", "*", Map.of()));
        assertRefused(refused, 403, "AccessDenied");
        String detail = refused.json().path("detail").asText();
        assertThat(detail).startsWith("User: " + alice.arn() + " is not authorized to perform: authz:Authorize on resource: "
                + root.arn("user/admin") + " with an explicit deny in an identity-based policy. " + AuthorizationMessages.MARKER);
        JsonNode decoded = JSON.readTree(sts.decode(encodedIn(detail), root.accountId()).decodedMessage());
        assertThat(decoded.path("allowed").asBoolean(true)).isFalse();
        assertThat(decoded.path("explicitDeny").asBoolean()).isTrue();
        assertThat(decoded.at("/matchedStatements/items/0/statementId").asText()).contains("ask").endsWith(":Statement[1]");
        assertThat(decoded.at("/context/principal/arn").asText()).isEqualTo(alice.arn());
        assertThat(decoded.at("/context/principal/id").asText()).isEqualTo(alice.id());
        assertThat(decoded.at("/context/action").asText()).isEqualTo("authz:Authorize");
        assertThat(decoded.at("/context/resource").asText()).isEqualTo(root.arn("user/admin"));
        assertThat(decoded.at("/context/conditions/items").findValuesAsText("key")).contains("aws:SourceIp", "aws:username");

        Answer implicit = signed(aliceKey, "/v1/authorize", question(bob.arn(), "s3:GetObject", "arn:aws:s3:::bucket/alice/a", Map.of()));
        assertThat(implicit.json().path("decision").asText()).as(implicit.body()).isEqualTo("ImplicitDeny");
        JsonNode other = JSON.readTree(sts.decode(encodedIn(implicit.json().path("message").asText()), root.accountId()).decodedMessage());
        assertThat(other.path("explicitDeny").asBoolean(true)).isFalse();
        assertThat(other.at("/matchedStatements/items").isEmpty()).isTrue();
        assertThat(other.at("/context/principal/arn").asText()).isEqualTo(bob.arn());
        assertThat(other.at("/context/resource").asText()).isEqualTo("arn:aws:s3:::bucket/alice/a");
        // the message of one account's denial is not another's to read
        assertThatThrownBy(() -> sts.decode(encodedIn(detail), Iam.freshAccount().accountId()))
                .isInstanceOfSatisfying(dev.openiam.model.IamException.class,
                        e -> assertThat(e.code()).isEqualTo(dev.openiam.model.ErrorCode.INVALID_AUTHORIZATION_MESSAGE));
    }

    static String encodedIn(String message) {
        int at = message.indexOf(AuthorizationMessages.MARKER);
        assertThat(at).as(message).isPositive();
        return message.substring(at + AuthorizationMessages.MARKER.length());
    }

    @Test
    void theContextPassedNeverOverridesWhatIsDerivedAboutThePrincipal() throws Exception {
        Map<String, Object> lies = Map.of("aws:PrincipalTag/team", "admins", "AWS:USERNAME", "admin",
                "aws:principalarn", root.arn("user/admin"), "aws:PrincipalType", "Role", "aws:userid", "AIDAADMINADMINADMIN1",
                "aws:PrincipalAccount", "000000000000");
        for (String action : List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject")) {
            String question = question(bob.arn(), action, "arn:aws:s3:::vault/secret", lies);
            Answer signedAnswer = signed(aliceKey, "/v1/authorize", question);
            assertThat(signedAnswer.status()).as(signedAnswer.body()).isEqualTo(200);
            assertThat(signedAnswer.json().path("decision").asText()).as(action + " with " + lies).isEqualTo("ImplicitDeny");
            // nor for a service asking with its own decide token
            Answer serviceAnswer = asService("/v1/authorize", question);
            assertThat(serviceAnswer.json().path("decision").asText()).as(action + " asked by a service").isEqualTo("ImplicitDeny");
        }
        // what is derived holds whatever is claimed: bob is on team devs, and his own prefix is his name
        Answer team = signed(aliceKey, "/v1/authorize", question(bob.arn(), "s3:ListBucket", "*", lies));
        assertThat(team.json().path("decision").asText()).isEqualTo("Allow");
        Answer own = signed(aliceKey, "/v1/authorize", question(bob.arn(), "s3:GetObject", "arn:aws:s3:::bucket/bob/a", lies));
        assertThat(own.json().path("decision").asText()).isEqualTo("Allow");
        Answer notAdmins = signed(aliceKey, "/v1/authorize", question(bob.arn(), "s3:GetObject", "arn:aws:s3:::bucket/admin/a", lies));
        assertThat(notAdmins.json().path("decision").asText()).isEqualTo("ImplicitDeny");
    }

    @Test
    void theRootOfAnAccountThatDoesNotExistIsDenied() throws Exception {
        String nowhere = Iam.freshAccount().arn("root");
        String grantToRoot = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"%s\"},"
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/*\"}]}";
        Answer missing = asService("/v1/authorize", resourcePolicyQuestion(nowhere, String.format(grantToRoot, nowhere)));
        assertThat(missing.status()).as(missing.body()).isEqualTo(200);
        assertThat(missing.json().path("decision").asText()).isEqualTo("ImplicitDeny");
        assertThat(missing.json().path("message").asText()).contains("because the principal does not exist");
        // the same question about the root of an account that exists: its resource policy grants it
        Answer existing = asService("/v1/authorize", resourcePolicyQuestion(root.arn("root"), String.format(grantToRoot, root.arn("root"))));
        assertThat(existing.json().path("decision").asText()).as(existing.body()).isEqualTo("Allow");
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    record Answer(int status, String body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    static String question(String principal, String action, String resource, Map<String, Object> context) throws Exception {
        return JSON.writeValueAsString(Map.of("principal", principal, "action", action, "resource", resource, "context", context));
    }

    static String resourcePolicyQuestion(String principal, String policy) throws Exception {
        return JSON.writeValueAsString(Map.of("principal", principal, "action", "s3:GetObject", "resource",
                "arn:aws:s3:::bucket/a", "resourcePolicy", policy));
    }

    /** {@code json} to {@code path}, signed by {@code key} with the AWS SDK's signer for signing name {@code authz}. */
    Answer signed(IdentityStandIn.AccessKey key, String path, String json) throws Exception {
        return signed(endpoint, key, path, json);
    }

    /** {@code json} to {@code path} of the service at {@code endpoint}, signed by {@code key} for {@code authz}. */
    static Answer signed(URI endpoint, IdentityStandIn.AccessKey key, String path, String json) throws Exception {
        return send(endpoint, path, json, sign(endpoint, key, path, json, "authz"));
    }

    /** As identity-service asks: its decide token for this one call. */
    Answer asService(String path, String json) throws Exception {
        String token = new TokenIssuer(Iam.IDENTITY, Iam.TRUSTED).issue("policy-service", Purpose.DECIDE, "POST", path,
                json.getBytes(StandardCharsets.UTF_8), null, null);
        return send(path, json, Map.of("Authorization", List.of("Bearer " + token)));
    }

    Map<String, List<String>> sign(IdentityStandIn.AccessKey key, String path, String json, String service) {
        return sign(endpoint, key, path, json, service);
    }

    static Map<String, List<String>> sign(URI endpoint, IdentityStandIn.AccessKey key, String path, String json, String service) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint.resolve(path))
                .putHeader("Content-Type", "application/json").build();
        return AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(key.accessKeyId(), key.secret()))
                .request(request)
                .payload(ContentStreamProvider.fromUtf8String(json))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")).request().headers();
    }

    Answer send(String path, String json, Map<String, List<String>> headers) throws Exception {
        return send(endpoint, path, json, headers);
    }

    static Answer send(URI endpoint, String path, String json, Map<String, List<String>> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-type") && !name.equalsIgnoreCase("content-length")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    static void assertRefused(Answer answer, int status, String code) throws Exception {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.json().path("code").asText()).as(answer.body()).isEqualTo(code);
        assertThat(answer.body()).doesNotContain("\"decision\"");
    }
}
