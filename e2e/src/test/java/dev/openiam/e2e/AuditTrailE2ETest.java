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

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.openiam.e2e.Sts.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every API call of the running system leaves exactly one CloudTrail record, allowed or denied, as the unchanged AWS
 * CLI finds it with {@code aws cloudtrail lookup-events}: a table of IAM and STS calls made with the AWS SDK for Java v2
 * — identity-service's own and those it forwards to policy-service, reads and writes, a refusal, a failure — each one
 * record with the right event name, caller, error code and read-only flag; and none of the secrets the test made
 * (secret access keys, a password, an MFA seed, a session token) in any record audit-service stored.
 */
@ExtendWith(LocalSystem.class)
class AuditTrailE2ETest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static FreshAccount account;
    static IamClient root;
    final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void setUp() {
        account = FreshAccount.create();
        root = account.root();
    }

    @AfterAll
    static void tearDown() {
        root.close();
    }

    /** One call: what it is named in CloudTrail, the error it ended with ({@code null}: success), whether it only read. */
    record Expected(String eventName, String errorCode, boolean readOnly) {
    }

    @Test
    void everyCallIsRecordedOnceAndNoSecretIsStored() throws Exception {
        RequiredClients.awsCliV2();
        String user = "audited-" + run;
        String password = "Audit-Pa55-" + UUID.randomUUID();
        List<Expected> byRoot = new ArrayList<>();

        String userArn = root.createUser(b -> b.userName(user)).user().arn();
        byRoot.add(new Expected("CreateUser", null, false));
        root.getUser(b -> b.userName(user));
        byRoot.add(new Expected("GetUser", null, true));
        AccessKey key = root.createAccessKey(b -> b.userName(user)).accessKey();
        byRoot.add(new Expected("CreateAccessKey", null, false));
        root.createLoginProfile(b -> b.userName(user).password(password));
        byRoot.add(new Expected("CreateLoginProfile", null, false));
        String seed = root.createVirtualMFADevice(b -> b.virtualMFADeviceName("mfa-" + run)).virtualMFADevice()
                .base32StringSeed().asUtf8String();
        byRoot.add(new Expected("CreateVirtualMFADevice", null, false));
        assertAwsError(() -> root.getUser(b -> b.userName("nobody-" + run)), 404, "NoSuchEntity");
        byRoot.add(new Expected("GetUser", "NoSuchEntity", true));
        // forwarded to policy-service, which performs and records them: still one record each
        root.putUserPolicy(b -> b.userName(user).policyName("assume").policyDocument(StsE2ETest.allow("\"sts:AssumeRole\"")));
        byRoot.add(new Expected("PutUserPolicy", null, false));
        root.createPolicy(b -> b.policyName("audited-" + run).policyDocument(StsE2ETest.allow("\"s3:GetObject\"")));
        byRoot.add(new Expected("CreatePolicy", null, false));
        root.listPolicies(b -> b.scope("Local"));
        byRoot.add(new Expected("ListPolicies", null, true));
        String roleArn = root.createRole(b -> b.roleName("audited-" + run)
                .assumeRolePolicyDocument(StsE2ETest.trust(userArn, "\"sts:AssumeRole\"", null))).role().arn();
        byRoot.add(new Expected("CreateRole", null, false));

        List<Expected> byUser = new ArrayList<>();
        Credentials session;
        try (IamClient iam = Clients.iam(key.accessKeyId(), key.secretAccessKey());
             StsClient sts = Sts.sts(key.accessKeyId(), key.secretAccessKey())) {
            assertAwsError(() -> iam.listUsers(), 403, "AccessDenied");
            byUser.add(new Expected("ListUsers", "AccessDenied", true));
            assertAwsError(() -> iam.listPolicies(), 403, "AccessDenied");
            byUser.add(new Expected("ListPolicies", "AccessDenied", true));
            sts.getCallerIdentity();
            byUser.add(new Expected("GetCallerIdentity", null, true));
            session = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("audit-session")).credentials(), c -> true);
            byUser.add(new Expected("AssumeRole", null, true));
        }
        try (StsClient sts = Sts.sts(Sts.session(session))) {
            sts.getCallerIdentity();
        }

        List<JsonNode> rootRecords = lookup("AccessKeyId", account.accessKeyId(), byRoot.size());
        assertThat(rootRecords).extracting(AuditTrailE2ETest::expected).containsExactlyInAnyOrderElementsOf(byRoot);
        for (JsonNode record : rootRecords) {
            assertThat(record.at("/userIdentity/type").asText()).isEqualTo("Root");
            assertThat(record.at("/eventSource").asText()).isEqualTo("iam.amazonaws.com");
            assertThat(record.at("/recipientAccountId").asText()).isEqualTo(account.accountId());
            assertThat(record.at("/eventType").asText()).isEqualTo("AwsApiCall");
            assertThat(record.at("/eventCategory").asText()).isEqualTo("Management");
            assertThat(record.at("/managementEvent").asBoolean()).isTrue();
            assertThat(record.at("/requestID").asText()).isNotEmpty();
        }
        JsonNode created = rootRecords.stream().filter(r -> r.at("/eventName").asText().equals("CreateAccessKey")).findFirst()
                .orElseThrow();
        assertThat(created.at("/responseElements/accessKey/accessKeyId").asText()).isEqualTo(key.accessKeyId());
        assertThat(created.at("/requestParameters/userName").asText()).isEqualTo(user);

        List<JsonNode> userRecords = lookup("AccessKeyId", key.accessKeyId(), byUser.size());
        assertThat(userRecords).extracting(AuditTrailE2ETest::expected).containsExactlyInAnyOrderElementsOf(byUser);
        for (JsonNode record : userRecords) {
            assertThat(record.at("/userIdentity/type").asText()).isEqualTo("IAMUser");
            assertThat(record.at("/userIdentity/userName").asText()).isEqualTo(user);
            assertThat(record.at("/userIdentity/arn").asText()).isEqualTo(userArn);
        }
        assertThat(userRecords).filteredOn(r -> r.at("/eventName").asText().equals("AssumeRole")).singleElement()
                .satisfies(r -> {
                    assertThat(r.at("/eventSource").asText()).isEqualTo("sts.amazonaws.com");
                    assertThat(r.at("/resources/0/ARN").asText()).isEqualTo(roleArn);
                });

        List<JsonNode> sessionRecords = lookup("AccessKeyId", session.accessKeyId(), 1);
        assertThat(sessionRecords).extracting(AuditTrailE2ETest::expected)
                .containsExactly(new Expected("GetCallerIdentity", null, true));
        assertThat(sessionRecords.get(0).at("/userIdentity/type").asText()).isEqualTo("AssumedRole");
        assertThat(sessionRecords.get(0).at("/userIdentity/sessionContext/sessionIssuer/arn").asText()).isEqualTo(roleArn);
        assertThat(lookup("Username", "audit-session", 1)).hasSize(1);
        assertThat(lookup("EventName", "CreatePolicy", 1)).extracting(r -> r.at("/requestParameters/policyName").asText())
                .containsExactly("audited-" + run);

        Map<String, String> env = LocalSystem.get().clientEnvironment();
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + env.get("IAM_PG_PORT") + "/iam",
                "postgres", env.get("IAM_LOCAL_PG_PASSWORD"))) {
            assertThat(count(db, "select count(*) from audit.events where account_id = ?", account.accountId()))
                    .as("the records are stored").isGreaterThanOrEqualTo(byRoot.size());
            // every stored record, of every account
            for (String secret : List.of(key.secretAccessKey(), password, seed, session.secretAccessKey(), session.sessionToken())) {
                assertThat(count(db, "select count(*) from audit.events where strpos(record, ?) > 0", secret))
                        .as("records holding a secret the test made").isZero();
            }
        }
    }

    private static Expected expected(JsonNode record) {
        return new Expected(record.at("/eventName").asText(), record.hasNonNull("errorCode") ? record.get("errorCode").asText() : null,
                record.at("/readOnly").asBoolean());
    }

    /**
     * {@code aws cloudtrail lookup-events} with one LookupAttribute, as the account's root, until it finds
     * {@code expected} records; then once more, so that a late repeat would show. The CloudTrailEvent of each.
     */
    private static List<JsonNode> lookup(String attribute, String value, int expected) throws Exception {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> cli(attribute, value).size() >= expected);
        return cli(attribute, value);
    }

    private static List<JsonNode> cli(String attribute, String value) throws Exception {
        String output = AwsCliE2ETest.run(List.of(RequiredClients.AWS.toString(), "--endpoint-url",
                LocalSystem.get().cloudTrailEndpoint().toString(), "cloudtrail", "lookup-events", "--lookup-attributes",
                "AttributeKey=" + attribute + ",AttributeValue=" + value, "--output", "json"), account.environment());
        List<JsonNode> records = new ArrayList<>();
        for (JsonNode event : JSON.readTree(output).path("Events")) {
            JsonNode record = JSON.readTree(event.path("CloudTrailEvent").asText());
            assertThat(event.path("EventName").asText()).isEqualTo(record.path("eventName").asText());
            records.add(record);
        }
        return records;
    }

    /** The single count {@code sql} answers for {@code parameter}. */
    private static long count(Connection db, String sql, String parameter) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
