package dev.openiam.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import org.jose4j.jwt.NumericDate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.openiam.e2e.Sts.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * AssumeRoleWithWebIdentity and GetAccessKeyInfo with the unchanged SDK for Java v2 and boto3: a test issuer (keys
 * made here, discovery and JWKS served over HTTPS), an OIDC provider made through the IAM API, roles trusting it with
 * {@code :sub} and {@code :aud} conditions; the IRSA flow of the SDK's web identity credentials provider; Kubernetes
 * service-account tokens; every bad token refused with STS's error code.
 */
@ExtendWith(LocalSystem.class)
class WebIdentityE2ETest {

    static final String AUDIENCE = "sts.amazonaws.com";
    static TestIssuer issuer;
    static IamClient root;
    static String account;
    static String provider;
    final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void issuerAndProvider() throws Exception {
        root = Clients.root();
        account = LocalSystem.get().accountId();
        issuer = new TestIssuer("/cluster-" + UUID.randomUUID().toString().substring(0, 8));
        provider = root.createOpenIDConnectProvider(b -> b.url(issuer.issuer()).clientIDList(AUDIENCE)
                .thumbprintList(issuer.thumbprint())).openIDConnectProviderArn();
        assertThat(provider).isEqualTo("arn:aws:iam::" + account + ":oidc-provider/" + issuer.host());
    }

    @AfterAll
    static void close() {
        if (issuer != null) {
            issuer.close();
        }
        root.close();
    }

    /** A role trusting the provider for tokens of {@code subject} (a StringLike pattern) and our audience. */
    String role(String name, String subject, String permissions) {
        return role(name, subject, permissions, "\"sts:AssumeRoleWithWebIdentity\"");
    }

    String role(String name, String subject, String permissions, String actions) {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + provider
                + "\"},\"Action\":" + actions + ",\"Condition\":{\"StringEquals\":{\"" + issuer.host() + ":aud\":\""
                + AUDIENCE + "\"},\"StringLike\":{\"" + issuer.host() + ":sub\":\"" + subject + "\"}}}]}";
        String arn = root.createRole(b -> b.roleName(name).assumeRolePolicyDocument(trust)).role().arn();
        if (permissions != null) {
            root.putRolePolicy(b -> b.roleName(name).policyName("p").policyDocument(permissions));
        }
        return arn;
    }

    static StsClient anonymousSts() {
        return StsClient.builder().endpointOverride(LocalSystem.get().stsEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    static AssumeRoleWithWebIdentityResponse assume(String roleArn, String session, String token) {
        try (StsClient sts = anonymousSts()) {
            return sts.assumeRoleWithWebIdentity(b -> b.roleArn(roleArn).roleSessionName(session).webIdentityToken(token));
        }
    }

    /** A role policy that works only for sessions made with this provider: aws:FederatedProvider reaches later decisions. */
    String listUsersFromProvider() {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:FederatedProvider\":\"" + provider + "\"}}}]}";
    }

    @Test
    void theSdksWebIdentityCredentialsProviderGetsRoleCredentialsFromAKubernetesToken() throws Exception {
        String roleName = "wi-irsa-" + run;
        String roleArn = role(roleName, "system:serviceaccount:team-a:*", listUsersFromProvider());
        Path tokenFile = Files.createDirectories(Path.of("target/web-identity")).resolve("token-" + run);
        Files.writeString(tokenFile, issuer.kubernetesToken("team-a", "app", List.of("https://kubernetes.default.svc", AUDIENCE)));
        // what an unchanged SDK in a pod reads: AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ENDPOINT_URL_STS (here as the
        // SDK's system properties, the same settings)
        Map<String, String> saved = new HashMap<>();
        for (Map.Entry<String, String> setting : Map.of("aws.endpointUrlSts", LocalSystem.get().stsEndpoint().toString(),
                "aws.region", "us-east-1").entrySet()) {
            saved.put(setting.getKey(), System.getProperty(setting.getKey()));
            System.setProperty(setting.getKey(), setting.getValue());
        }
        try (WebIdentityTokenFileCredentialsProvider credentials = WebIdentityTokenFileCredentialsProvider.builder()
                .roleArn(roleArn).roleSessionName("pod-1").webIdentityTokenFile(tokenFile).build();
             StsClient sts = stsWith(credentials); IamClient iam = iamWith(credentials)) {
            assertThat(credentials.resolveCredentials().accessKeyId()).startsWith("ASIA");
            assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::" + account + ":assumed-role/" + roleName + "/pod-1");
            assertThat(iam.listUsers().users()).isNotNull();
            assertAwsError(() -> iam.createUser(b -> b.userName("wi-nope-" + run)), 403, "AccessDenied");
        } finally {
            saved.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
    }

    static StsClient stsWith(AwsCredentialsProvider credentials) {
        return StsClient.builder().endpointOverride(LocalSystem.get().stsEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    static IamClient iamWith(AwsCredentialsProvider credentials) {
        return IamClient.builder().endpointOverride(LocalSystem.get().endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void theAnswerNamesTheSubjectProviderAudienceAndSession() {
        String roleName = "wi-answer-" + run;
        String roleArn = role(roleName, "user-" + run, null);
        AssumeRoleWithWebIdentityResponse answer = assume(roleArn, "web-1", issuer.token("user-" + run, List.of(AUDIENCE), c -> { }));
        assertThat(answer.subjectFromWebIdentityToken()).isEqualTo("user-" + run);
        assertThat(answer.provider()).isEqualTo(provider);
        assertThat(answer.audience()).isEqualTo(AUDIENCE);
        assertThat(answer.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::" + account + ":assumed-role/" + roleName + "/web-1");
        assertThat(answer.assumedRoleUser().assumedRoleId()).startsWith("AROA").endsWith(":web-1");
        assertThat(answer.credentials().accessKeyId()).startsWith("ASIA").hasSize(20);
        assertThat(answer.credentials().expiration()).isAfter(Instant.now().plusSeconds(3500));
        assertThat(answer.packedPolicySize()).isNull();
        try (StsClient sts = Sts.sts(Sts.session(answer.credentials()))) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo(answer.assumedRoleUser().arn());
        }
    }

    /**
     * The unsigned call is recorded in the role's account as CloudTrail records it (a WebIdentityUser named by provider,
     * audience and subject), and the session it issued is announced on iam.sts.v1 (no secret), revisions gap-free.
     */
    @Test
    void theCallIsAuditedAsAWebIdentityUserAndTheSessionAnnounced() throws Exception {
        String subject = "audited-" + run;
        String roleArn = role("wi-audit-" + run, subject, null);
        String token = issuer.token(subject, List.of(AUDIENCE), c -> { });
        AssumeRoleWithWebIdentityResponse answer = assume(roleArn, "web-audit", token);

        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode record = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90))
                .pollInterval(java.time.Duration.ofSeconds(2)).until(() -> {
                    String out = AwsCliE2ETest.run(List.of(RequiredClients.AWS.toString(), "--endpoint-url",
                            LocalSystem.get().cloudTrailEndpoint().toString(), "cloudtrail", "lookup-events", "--lookup-attributes",
                            "AttributeKey=ResourceName,AttributeValue=" + roleArn, "--output", "json"));
                    for (com.fasterxml.jackson.databind.JsonNode event : json.readTree(out).path("Events")) {
                        com.fasterxml.jackson.databind.JsonNode r = json.readTree(event.path("CloudTrailEvent").asText());
                        if (r.path("eventName").asText().equals("AssumeRoleWithWebIdentity")) {
                            return r;
                        }
                    }
                    return null;
                }, java.util.Objects::nonNull);
        assertThat(record.at("/userIdentity/type").asText()).isEqualTo("WebIdentityUser");
        assertThat(record.at("/userIdentity/principalId").asText()).isEqualTo(provider + ":" + AUDIENCE + ":" + subject);
        assertThat(record.at("/userIdentity/userName").asText()).isEqualTo(subject);
        assertThat(record.at("/userIdentity/identityProvider").asText()).isEqualTo(provider);
        assertThat(record.path("recipientAccountId").asText()).isEqualTo(account);
        assertThat(record.hasNonNull("errorCode")).isFalse();
        assertThat(record.toString()).doesNotContain(token).doesNotContain(answer.credentials().secretAccessKey());

        List<TopicHistory.Published> events = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> TopicHistory.events("iam.sts.v1", account), published -> published.stream()
                        .anyMatch(e -> e.payload().path("accessKeyId").asText().equals(answer.credentials().accessKeyId())));
        TopicHistory.Published issued = events.stream()
                .filter(e -> e.payload().path("accessKeyId").asText().equals(answer.credentials().accessKeyId())).findFirst().orElseThrow();
        assertThat(issued.type()).isEqualTo("SessionIssued");
        assertThat(issued.payload().path("action").asText()).isEqualTo("AssumeRoleWithWebIdentity");
        assertThat(issued.payload().path("sessionArn").asText()).isEqualTo(answer.assumedRoleUser().arn());
        assertThat(issued.payload().path("roleArn").asText()).isEqualTo(roleArn);
        assertThat(issued.payload().path("requestedBy").asText()).isEqualTo(provider);
        assertThat(issued.payload().path("webIdentitySubject").asText()).isEqualTo(subject);
        assertThat(issued.payload().toString()).doesNotContain(answer.credentials().secretAccessKey())
                .doesNotContain(answer.credentials().sessionToken());
        List<Long> revisions = events.stream().map(TopicHistory.Published::revision).distinct().toList();
        assertThat(revisions).isEqualTo(java.util.stream.LongStream.rangeClosed(1, revisions.size()).boxed().toList());
    }

    @Test
    void sessionTagsOfTheTokenNeedTagSessionAndBecomeThePrincipalsTags() {
        String permissions = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListRoles\","
                + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"blue\"}}}]}";
        String tagging = role("wi-tags-" + run, "tagged-" + run, permissions,
                "[\"sts:AssumeRoleWithWebIdentity\",\"sts:TagSession\"]");
        String blue = issuer.token("tagged-" + run, List.of(AUDIENCE), c -> c.setClaim("https://aws.amazon.com/tags",
                Map.of("principal_tags", Map.of("team", List.of("blue")), "transitive_tag_keys", List.of("team"))));
        AssumeRoleWithWebIdentityResponse answer = assume(tagging, "tagged", blue);
        assertThat(answer.packedPolicySize()).isPositive();
        try (IamClient asSession = Sts.iam(answer.credentials())) {
            assertThat(asSession.listRoles().roles()).extracting(r -> r.roleName()).contains("wi-tags-" + run);
        }
        String red = issuer.token("tagged-" + run, List.of(AUDIENCE), c -> c.setClaim("https://aws.amazon.com/tags",
                Map.of("principal_tags", Map.of("team", List.of("red")))));
        try (IamClient asSession = Sts.iam(assume(tagging, "tagged", red).credentials())) {
            assertAwsError(asSession::listRoles, 403, "AccessDenied");
        }
        // a trust policy without sts:TagSession refuses a token that carries tags
        String plain = role("wi-notags-" + run, "tagged-" + run, permissions);
        assertAwsError(() -> assume(plain, "tagged", blue), 403, "AccessDenied");
    }

    @Test
    void aSubjectTheTrustPolicyDoesNotNameIsDenied() {
        String roleArn = role("wi-sub-" + run, "system:serviceaccount:team-a:*", null);
        String message = assertAwsError(() -> assume(roleArn, "s1", issuer.kubernetesToken("team-b", "app", List.of(AUDIENCE))), 403,
                "AccessDenied");
        // AWS's message, then the encoded authorization message every AccessDenied carries (AuthorizationMessageE2ETest)
        assertThat(message).startsWith("Not authorized to perform sts:AssumeRoleWithWebIdentity. Encoded authorization failure message: ");
        // a role that does not exist is the same answer
        assertAwsError(() -> assume("arn:aws:iam::" + account + ":role/wi-none-" + run, "s1",
                issuer.kubernetesToken("team-a", "app", List.of(AUDIENCE))), 403, "AccessDenied");
    }

    @Test
    void badTokensAreRefusedWithStsErrors() throws Exception {
        String roleArn = role("wi-bad-" + run, "*", null);
        // signed by a key that is not the issuer's, with the issuer's key id
        String forged = TestIssuer.sign(issuer.claims("alice", List.of(AUDIENCE), c -> { }), TestIssuer.stranger());
        assertAwsError(() -> assume(roleArn, "s1", forged), 400, "InvalidIdentityToken");
        String expired = issuer.token("alice", List.of(AUDIENCE), c -> {
            c.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond() - 7200));
            c.setNotBefore(NumericDate.fromSeconds(Instant.now().getEpochSecond() - 7200));
            c.setExpirationTime(NumericDate.fromSeconds(Instant.now().getEpochSecond() - 3600));
        });
        assertThat(assertAwsError(() -> assume(roleArn, "s1", expired), 400, "ExpiredTokenException")).startsWith("Token expired");
        assertThat(assertAwsError(() -> assume(roleArn, "s1", issuer.token("alice", List.of("not-a-client-id"), c -> { })), 400,
                "InvalidIdentityToken")).isEqualTo("Incorrect token audience");
        String early = issuer.token("alice", List.of(AUDIENCE), c -> c.setNotBefore(NumericDate.fromSeconds(Instant.now().getEpochSecond() + 3600)));
        assertAwsError(() -> assume(roleArn, "s1", early), 400, "InvalidIdentityToken");
        String unknownIssuer = issuer.token("alice", List.of(AUDIENCE), c -> c.setIssuer(issuer.issuer() + "-other"));
        assertThat(assertAwsError(() -> assume(roleArn, "s1", unknownIssuer), 400, "InvalidIdentityToken"))
                .isEqualTo("No OpenIDConnect provider found in your account for " + issuer.issuer() + "-other");
        assertAwsError(() -> assume(roleArn, "s1", "this.is.nojwt"), 400, "InvalidIdentityToken");
        assertThat(issuer.jwksFetches()).as("keys are fetched once and kept").isBetween(1, 2);
    }

    @Test
    void boto3AssumesARoleWithAWebIdentityToken() throws Exception {
        RequiredClients.boto3();
        String roleArn = role("wi-py-" + run, "py-" + run, null);
        Map<String, String> env = new HashMap<>(LocalSystem.get().clientEnvironment());
        env.put("WI_ROLE_ARN", roleArn);
        env.put("WI_TOKEN", issuer.token("py-" + run, List.of(AUDIENCE), c -> { }));
        env.put("WI_WRONG_SUBJECT_TOKEN", issuer.token("someone-else", List.of(AUDIENCE), c -> { }));
        env.put("WI_PROVIDER", provider);
        assertThat(AwsCliE2ETest.run(List.of(RequiredClients.PYTHON.toString(), AwsCliE2ETest.script("boto3_web_identity.py")), env))
                .contains("boto3 web identity: ok");
    }

    @Test
    void getAccessKeyInfoNamesTheAccountOfLongTermAndTemporaryKeys() {
        String userName = "wi-keys-" + run;
        root.createUser(b -> b.userName(userName));
        root.putUserPolicy(b -> b.userName(userName).policyName("p").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:GetAccessKeyInfo\",\"Resource\":\"*\"}]}"));
        AccessKey key = root.createAccessKey(b -> b.userName(userName)).accessKey();
        AccessKey other = root.createAccessKey(b -> b.userName(userName)).accessKey();
        String roleArn = role("wi-keyinfo-" + run, "k-" + run, null);
        Credentials session = assume(roleArn, "s1", issuer.token("k-" + run, List.of(AUDIENCE), c -> { })).credentials();
        try (StsClient sts = Sts.sts(key.accessKeyId(), key.secretAccessKey())) {
            assertThat(sts.getAccessKeyInfo(b -> b.accessKeyId(LocalSystem.get().accessKeyId())).account()).isEqualTo(account);
            assertThat(sts.getAccessKeyInfo(b -> b.accessKeyId(other.accessKeyId())).account()).isEqualTo(account);
            assertThat(sts.getAccessKeyInfo(b -> b.accessKeyId(session.accessKeyId())).account()).isEqualTo(account);
            root.deleteAccessKey(b -> b.userName(userName).accessKeyId(other.accessKeyId()));
            assertAwsError(() -> sts.getAccessKeyInfo(b -> b.accessKeyId(other.accessKeyId())), 403, "InvalidClientTokenId");
            assertAwsError(() -> sts.getAccessKeyInfo(b -> b.accessKeyId("AKIA")), 400, "ValidationError");
        }
        // a caller whose policies do not allow it
        try (StsClient sts = Sts.sts(Sts.session(session))) {
            assertAwsError(() -> sts.getAccessKeyInfo(b -> b.accessKeyId(key.accessKeyId())), 403, "AccessDenied");
        }
    }
}
