package dev.openiam.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openiam.authorization.ActionDescription;
import dev.openiam.authorization.IamAuthorizations;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.IamResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsRequest;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static dev.openiam.e2e.AuditRecords.IAM;
import static dev.openiam.e2e.AuditRecords.STS;
import static dev.openiam.e2e.AuditRecords.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 10's table: every IAM action the running system serves (the front doors' one table of them,
 * {@link IamAuthorizations}) and every STS operation, each called once through the AWS SDK for Java v2 by an account's
 * root ({@link IamCallTable}: a valid create, or a name that does not exist) and once by a user without permissions
 * (AccessDenied), leaves exactly one record in audit-service's store, found by the request id the SDK read from the
 * answer, with the call's event name, event source, error code, read-only flag and caller. A newly served action
 * without a row fails the first test.
 */
@ExtendWith(LocalSystem.class)
class AuditEveryActionE2ETest {

    /** STS operations of the SDK that no front door serves, and why. */
    private static final Map<String, String> STS_NOT_SERVED = Map.of(
            "AssumeRoleWithSAML", "SAML providers are not served",
            "AssumeRoot", "AWS Organizations' centralized root access is not served",
            "GetDelegatedAccessToken", "not served",
            "GetWebIdentityToken", "outbound web identity federation is not served");

    final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void everyServedIamActionHasARow() {
        List<String> served = IamAuthorizations.get().all().stream().map(ActionDescription::name).toList();
        assertThat(IamCallTable.calls("123456789012", run).keySet()).as("the actions of the table")
                .containsExactlyInAnyOrderElementsOf(served);
    }

    @Test
    void everyStsOperationOfTheSdkHasARow() {
        List<String> operations = Arrays.stream(StsClient.class.getMethods())
                .filter(m -> m.getParameterCount() == 1 && StsRequest.class.isAssignableFrom(m.getParameterTypes()[0]))
                .map(Method::getName).map(name -> Character.toUpperCase(name.charAt(0)) + name.substring(1))
                .distinct().filter(name -> !STS_NOT_SERVED.containsKey(name)).toList();
        assertThat(stsCalls("123456789012").keySet()).as("the STS operations of the table")
                .containsExactlyInAnyOrderElementsOf(operations);
    }

    @Test
    void everyCallIsRecordedOnceAllowedOrDenied() throws Exception {
        FreshAccount account = FreshAccount.create();
        String denied = "denied-" + run;
        AccessKey key;
        try (IamClient setup = account.root()) {
            setup.createUser(b -> b.userName(denied));
            key = setup.createAccessKey(b -> b.userName(denied)).accessKey();
        }

        List<AuditRecords.Call> calls = new ArrayList<>();
        SoftAssertions softly = new SoftAssertions();
        Map<String, Function<IamClient, IamResponse>> table = IamCallTable.calls(account.accountId(), run);
        try (IamClient root = Clients.once(LocalSystem.get().endpoint(), account.accessKeyId(), account.secretAccessKey());
             IamClient nobody = Clients.once(LocalSystem.get().endpoint(), key.accessKeyId(), key.secretAccessKey())) {
            for (Map.Entry<String, Function<IamClient, IamResponse>> row : table.entrySet()) {
                calls.add(call(IAM, row.getKey(), "root", () -> row.getValue().apply(root)));
                AuditRecords.Call refused = call(IAM, row.getKey(), denied, () -> row.getValue().apply(nobody));
                softly.assertThat(refused.errorCode()).as(row.getKey() + " by a user without permissions").isEqualTo("AccessDenied");
                calls.add(refused);
            }
        }
        Map<String, Function<StsClient, AwsResponse>> sts = stsCalls(account.accountId());
        try (StsClient root = sts(AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey()));
             StsClient nobody = sts(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
             StsClient anonymous = sts(AnonymousCredentialsProvider.create())) {
            for (Map.Entry<String, Function<StsClient, AwsResponse>> row : sts.entrySet()) {
                if (row.getKey().equals("AssumeRoleWithWebIdentity")) {
                    // unsigned: recorded in the account of the role it names, by the web identity
                    calls.add(call(STS, row.getKey(), "web", () -> row.getValue().apply(anonymous)));
                    continue;
                }
                calls.add(call(STS, row.getKey(), "root", () -> row.getValue().apply(root)));
                AuditRecords.Call byNobody = call(STS, row.getKey(), denied, () -> row.getValue().apply(nobody));
                softly.assertThat(byNobody.errorCode()).as(row.getKey() + " by a user without permissions")
                        .isEqualTo(STS_ALLOWED_WITHOUT_POLICY.contains(row.getKey()) ? null : "AccessDenied");
                calls.add(byNobody);
            }
        }
        for (AuditRecords.Call call : calls) {
            softly.assertThat(call.requestId()).as(call + ": the request id the SDK read").isNotBlank().isNotEqualTo("UNKNOWN");
            softly.assertThat(call.status()).as(call + ": answered, not failed").isLessThan(500);
        }
        softly.assertAll();

        // every call's record is stored; then read once more, so that a late second record would show
        await("every call's record").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> AuditRecords.byRequestId(account.accountId()).keySet()
                        .containsAll(calls.stream().map(AuditRecords.Call::requestId).toList()));
        Map<String, List<JsonNode>> byRequest = AuditRecords.byRequestId(account.accountId());
        SoftAssertions records = new SoftAssertions();
        for (AuditRecords.Call call : calls) {
            List<JsonNode> found = byRequest.getOrDefault(call.requestId(), List.of());
            records.assertThat(found).as(call + ": its records").hasSize(1);
            if (found.size() != 1) {
                continue;
            }
            JsonNode record = found.get(0);
            records.assertThat(record.path("eventName").asText()).as(call + ": eventName").isEqualTo(call.action());
            records.assertThat(record.path("eventSource").asText()).as(call + ": eventSource").isEqualTo(call.source());
            records.assertThat(record.hasNonNull("errorCode") ? record.get("errorCode").asText() : null).as(call + ": errorCode")
                    .isEqualTo(call.errorCode());
            records.assertThat(record.path("readOnly").asBoolean()).as(call + ": readOnly").isEqualTo(readOnly(call));
            records.assertThat(record.path("recipientAccountId").asText()).as(call + ": recipientAccountId")
                    .isEqualTo(account.accountId());
            records.assertThat(record.at("/userIdentity/type").asText()).as(call + ": userIdentity.type")
                    .isEqualTo(switch (call.caller()) {
                        case "root" -> "Root";
                        case "web" -> "WebIdentityUser";
                        default -> "IAMUser";
                    });
            if (call.caller().equals(denied)) {
                records.assertThat(record.at("/userIdentity/userName").asText()).as(call + ": userIdentity.userName").isEqualTo(denied);
            }
        }
        records.assertAll();
        System.out.printf("audit table: %d IAM actions and %d STS operations, %d calls, each one record%n", table.size(), sts.size(),
                calls.size());
    }

    /** STS operations AWS answers for any signed caller, whatever its policies. */
    private static final List<String> STS_ALLOWED_WITHOUT_POLICY = List.of("GetCallerIdentity", "GetSessionToken");

    /** One cheap call of every STS operation served; AssumeRoleWithWebIdentity unsigned, with a token no provider issued. */
    private Map<String, Function<StsClient, AwsResponse>> stsCalls(String account) {
        String role = "arn:aws:iam::" + account + ":role/none-" + run;
        Map<String, Function<StsClient, AwsResponse>> calls = new LinkedHashMap<>();
        calls.put("GetCallerIdentity", c -> c.getCallerIdentity(b -> { }));
        calls.put("GetSessionToken", c -> c.getSessionToken(b -> b.durationSeconds(900)));
        calls.put("GetAccessKeyInfo", c -> c.getAccessKeyInfo(b -> b.accessKeyId("AKIAIOSFODNN7EXAMPLE")));
        calls.put("DecodeAuthorizationMessage", c -> c.decodeAuthorizationMessage(b -> b.encodedMessage("not-a-message-" + run)));
        calls.put("AssumeRole", c -> c.assumeRole(b -> b.roleArn(role).roleSessionName("table")));
        calls.put("GetFederationToken", c -> c.getFederationToken(b -> b.name("table-" + run)));
        calls.put("AssumeRoleWithWebIdentity", c -> c.assumeRoleWithWebIdentity(b -> b.roleArn(role).roleSessionName("table")
                .webIdentityToken("not.a.token")));
        return calls;
    }

    /** CloudTrail's readOnly: the reads (Get, List, and the simulator's and reports' Simulate and Generate), and every STS call. */
    private static boolean readOnly(AuditRecords.Call call) {
        return call.source().equals(STS) || call.action().matches("(Get|List|Simulate|Generate).*");
    }

    static StsClient sts(AwsCredentials credentials) {
        return sts(StaticCredentialsProvider.create(credentials));
    }

    /** An STS client that never retries: one request per call. */
    static StsClient sts(AwsCredentialsProvider credentials) {
        return StsClient.builder().endpointOverride(LocalSystem.get().stsEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }
}
