package dev.openiam.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.openiam.e2e.Sts.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AccessDenied answers of every front door (the IAM Query API, its REST API, STS, CloudTrail, the decision API's
 * own refusals) carry an encoded authorization message, as EC2 words it, which STS DecodeAuthorizationMessage decodes
 * for a caller allowed {@code sts:DecodeAuthorizationMessage} into AWS's DecodedMessage document; an altered message is
 * InvalidAuthorizationMessageException. With the unchanged AWS SDK for Java v2 and AWS CLI v2.
 */
@ExtendWith(LocalSystem.class)
class AuthorizationMessageE2ETest {

    static final String MARKER = "Encoded authorization failure message: ";
    static final ObjectMapper JSON = new ObjectMapper();
    static IamClient root;
    static String account;
    final String run = UUID.randomUUID().toString().substring(0, 8);

    record User(String name, String arn, AccessKey key) {
        StsClient sts() {
            return Sts.sts(key.accessKeyId(), key.secretAccessKey());
        }

        IamClient iam() {
            return Clients.iam(key.accessKeyId(), key.secretAccessKey());
        }
    }

    @BeforeAll
    static void client() {
        root = Clients.root();
        account = LocalSystem.get().accountId();
    }

    @AfterAll
    static void close() {
        root.close();
    }

    User user(String name, String policy) {
        String arn = root.createUser(b -> b.userName(name)).user().arn();
        if (policy != null) {
            root.putUserPolicy(b -> b.userName(name).policyName("p").policyDocument(policy));
        }
        return new User(name, arn, root.createAccessKey(b -> b.userName(name)).accessKey());
    }

    /** Allowed to decode, nothing else. */
    User decoder() {
        return user("decoder-" + run, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"sts:DecodeAuthorizationMessage\",\"Resource\":\"*\"}]}");
    }

    @Test
    void anIamDenialDecodesToWhatDecidedIt() throws Exception {
        User reader = user("reader-" + run, "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"},"
                + "{\"Sid\":\"NoListing\",\"Effect\":\"Deny\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\"}]}");
        String message;
        try (IamClient iam = reader.iam()) {
            message = assertAwsError(iam::listUsers, 403, "AccessDenied");
        }
        assertThat(message).startsWith("User: " + reader.arn() + " is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::"
                + account + ":user/ with an explicit deny in an identity-based policy. " + MARKER);
        String encoded = encodedIn(message);

        // the denied user may not decode it: that refusal carries a message of its own
        String refused;
        try (StsClient sts = reader.sts()) {
            refused = assertAwsError(() -> sts.decodeAuthorizationMessage(b -> b.encodedMessage(encoded)), 403, "AccessDenied");
        }
        assertThat(refused).contains("sts:DecodeAuthorizationMessage").contains(MARKER);

        User decoder = decoder();
        JsonNode decoded;
        try (StsClient sts = decoder.sts()) {
            decoded = JSON.readTree(sts.decodeAuthorizationMessage(b -> b.encodedMessage(encoded)).decodedMessage());
            JsonNode ownRefusal = JSON.readTree(sts.decodeAuthorizationMessage(b -> b.encodedMessage(encodedIn(refused))).decodedMessage());
            assertThat(ownRefusal.at("/context/action").asText()).isEqualTo("sts:DecodeAuthorizationMessage");
            assertThat(ownRefusal.path("explicitDeny").asBoolean(true)).isFalse();
            assertThat(ownRefusal.at("/context/principal/arn").asText()).isEqualTo(reader.arn());
        }
        assertThat(decoded.path("allowed").asBoolean(true)).isFalse();
        assertThat(decoded.path("explicitDeny").asBoolean()).isTrue();
        assertThat(decoded.at("/matchedStatements/items/0/statementId").asText()).endsWith(":NoListing");
        assertThat(decoded.at("/matchedStatements/items/0/effect").asText()).isEqualTo("DENY");
        assertThat(decoded.at("/failures/items").isArray()).isTrue();
        assertThat(decoded.at("/context/principal/arn").asText()).isEqualTo(reader.arn());
        assertThat(decoded.at("/context/principal/id").asText()).startsWith("AIDA");
        assertThat(decoded.at("/context/action").asText()).isEqualTo("iam:ListUsers");
        assertThat(decoded.at("/context/resource").asText()).isEqualTo("arn:aws:iam::" + account + ":user/");
        assertThat(decoded.at("/context/conditions/items").findValuesAsText("key")).contains("aws:SourceIp", "aws:CurrentTime",
                "aws:username");
    }

    @Test
    void alteredOrMadeUpMessagesAreInvalid() throws Exception {
        User nobody = user("nobody-" + run, null);
        String encoded;
        try (IamClient iam = nobody.iam()) {
            encoded = encodedIn(assertAwsError(iam::listRoles, 403, "AccessDenied"));
        }
        User decoder = decoder();
        String[] parts = encoded.split("\\.");
        char[] ciphertext = parts[3].toCharArray();
        ciphertext[3] = ciphertext[3] == 'A' ? 'B' : 'A';
        parts[3] = new String(ciphertext);
        try (StsClient sts = decoder.sts()) {
            for (String bad : List.of(String.join(".", parts), encoded.substring(0, encoded.length() - 3), "not-a-message")) {
                assertAwsError(() -> sts.decodeAuthorizationMessage(b -> b.encodedMessage(bad)), 400,
                        "InvalidAuthorizationMessageException");
            }
        }
        // another account's decoder cannot read this account's denials
        FreshAccount other = FreshAccount.create();
        try (StsClient sts = Sts.sts(other.accessKeyId(), other.secretAccessKey())) {
            assertAwsError(() -> sts.decodeAuthorizationMessage(b -> b.encodedMessage(encoded)), 400,
                    "InvalidAuthorizationMessageException");
        }
    }

    @Test
    void stsAndRoleSessionDenialsNameTheSession() throws Exception {
        User alice = user("alice-" + run, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}");
        String roleName = "msg-role-" + run;
        String roleArn = root.createRole(b -> b.roleName(roleName).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + alice.arn() + "\"},\"Action\":\"sts:AssumeRole\"}]}"))
                .role().arn();
        String missingRole = "arn:aws:iam::" + account + ":role/no-such-role-" + run;
        String assumeDenied;
        Credentials session;
        try (StsClient sts = alice.sts()) {
            assumeDenied = assertAwsError(() -> sts.assumeRole(b -> b.roleArn(missingRole).roleSessionName("s1")), 403, "AccessDenied");
            session = sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("msg-session")).credentials();
        }
        String sessionDenied;
        try (IamClient iam = Sts.iam(session)) {
            sessionDenied = assertAwsError(iam::listUsers, 403, "AccessDenied");
        }
        User decoder = decoder();
        try (StsClient sts = decoder.sts()) {
            JsonNode assume = JSON.readTree(sts.decodeAuthorizationMessage(b -> b.encodedMessage(encodedIn(assumeDenied))).decodedMessage());
            assertThat(assume.at("/context/action").asText()).isEqualTo("sts:AssumeRole");
            assertThat(assume.at("/context/resource").asText()).isEqualTo(missingRole);
            assertThat(assume.at("/context/principal/arn").asText()).isEqualTo(alice.arn());
            JsonNode bySession = JSON.readTree(sts.decodeAuthorizationMessage(b -> b.encodedMessage(encodedIn(sessionDenied))).decodedMessage());
            assertThat(bySession.at("/context/principal/arn").asText())
                    .isEqualTo("arn:aws:sts::" + account + ":assumed-role/" + roleName + "/msg-session");
            assertThat(bySession.at("/context/principal/id").asText()).startsWith("AROA").endsWith(":msg-session");
            assertThat(bySession.at("/context/conditions/items").findValuesAsText("key")).contains("aws:TokenIssueTime");
        }
    }

    @Test
    void theRestApiAndTheAwsCliAtCloudTrailAndStsToo() throws Exception {
        RequiredClients.awsCliV2();
        User nobody = user("cli-nobody-" + run, null);
        HttpResponse<String> rest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(LocalSystem.get().endpoint() + "/v1/accounts/" + account + "/users"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((nobody.key().accessKeyId() + ":"
                        + nobody.key().secretAccessKey()).getBytes(StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(403);
        String restMessage = JSON.readTree(rest.body()).path("detail").asText();

        Map<String, String> asNobody = Map.of("AWS_ACCESS_KEY_ID", nobody.key().accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", nobody.key().secretAccessKey());
        String trail = failing(asNobody, "--endpoint-url", LocalSystem.get().cloudTrailEndpoint().toString(), "cloudtrail",
                "lookup-events", "--max-results", "1");
        // CloudTrail's JSON protocol names it AccessDeniedException
        assertThat(trail).contains("(AccessDeniedException)").contains(MARKER);

        User decoder = decoder();
        Map<String, String> asDecoder = Map.of("AWS_ACCESS_KEY_ID", decoder.key().accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", decoder.key().secretAccessKey());
        JsonNode cloudTrail = decodeWithCli(asDecoder, encodedIn(trail));
        assertThat(cloudTrail.at("/context/action").asText()).isEqualTo("cloudtrail:LookupEvents");
        assertThat(cloudTrail.at("/context/principal/arn").asText()).isEqualTo(nobody.arn());
        assertThat(cloudTrail.path("explicitDeny").asBoolean(true)).isFalse();
        JsonNode restDecoded = decodeWithCli(asDecoder, encodedIn(restMessage));
        assertThat(restDecoded.at("/context/action").asText()).isEqualTo("GET /v1/accounts/" + account + "/users");
        assertThat(restDecoded.at("/context/principal/arn").asText()).isEqualTo(nobody.arn());

        String invalid = failing(asDecoder, "--endpoint-url", LocalSystem.get().stsEndpoint().toString(), "sts",
                "decode-authorization-message", "--encoded-message", "made-up");
        assertThat(invalid).contains("(InvalidAuthorizationMessageException)");
    }

    /** {@code aws sts decode-authorization-message}: its DecodedMessage, read as JSON. */
    static JsonNode decodeWithCli(Map<String, String> credentials, String encoded) throws Exception {
        String out = AwsCliE2ETest.run(cli(List.of("--endpoint-url", LocalSystem.get().stsEndpoint().toString(), "--output", "json",
                "sts", "decode-authorization-message", "--encoded-message", encoded)), environment(credentials));
        return JSON.readTree(JSON.readTree(out).path("DecodedMessage").asText());
    }

    /** The output of a CLI command that must fail. */
    static String failing(Map<String, String> credentials, String... args) throws Exception {
        List<String> command = cli(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", "-c", "\"$@\"; echo \"exit=$?\"", "cli")).redirectErrorStream(true);
        List<String> wrapped = new ArrayList<>(builder.command());
        wrapped.addAll(command);
        String out = AwsCliE2ETest.run(wrapped, environment(credentials));
        assertThat(out).as(out).doesNotContain("exit=0");
        return out;
    }

    static List<String> cli(List<String> args) {
        List<String> command = new ArrayList<>(List.of(RequiredClients.AWS.toString()));
        command.addAll(args);
        return command;
    }

    static Map<String, String> environment(Map<String, String> credentials) {
        Map<String, String> env = new java.util.HashMap<>(LocalSystem.get().clientEnvironment());
        env.putAll(credentials);
        env.remove("AWS_SESSION_TOKEN");
        return env;
    }

    static String encodedIn(String message) {
        int at = message.indexOf(MARKER);
        assertThat(at).as(message).isPositive();
        return message.substring(at + MARKER.length()).split("\\s", 2)[0];
    }
}
