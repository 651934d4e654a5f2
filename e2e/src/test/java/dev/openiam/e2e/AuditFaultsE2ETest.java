package dev.openiam.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static dev.openiam.e2e.AuditRecords.IAM;
import static dev.openiam.e2e.AuditRecords.STS;
import static dev.openiam.e2e.AuditRecords.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 10's fault: Kafka stopped in the middle of a stream of calls through the front doors — identity-service's own
 * writes, those it forwards to policy-service, refusals, STS calls — every one of them answered while the broker is down
 * (their records wait in the outboxes); once it is back, every call has exactly one record in audit-service's store,
 * found by its request id, and no request id has two. Size: {@code -Diam.faults.audit-calls} (80: a quarter before the
 * stop, then calls while it stops, then half of it after it stopped).
 */
@ExtendWith(LocalSystem.class)
class AuditFaultsE2ETest {

    static final int CALLS = Integer.getInteger("iam.faults.audit-calls", 80);

    @Test
    void noRecordIsLostOrDoubledWhileTheBrokerIsDown() throws Exception {
        LocalSystem system = LocalSystem.get();
        FreshAccount account = FreshAccount.create();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String denied = "denied-" + run;
        AccessKey key;
        try (IamClient setup = account.root()) {
            setup.createUser(b -> b.userName(denied));
            key = setup.createAccessKey(b -> b.userName(denied)).accessKey();
        }
        List<AuditRecords.Call> calls = new CopyOnWriteArrayList<>();
        String policy = StsE2ETest.allow("\"s3:GetObject\"");
        try (IamClient root = Clients.once(system.endpoint(), account.accessKeyId(), account.secretAccessKey());
             IamClient nobody = Clients.once(system.endpoint(), key.accessKeyId(), key.secretAccessKey());
             StsClient sts = AuditEveryActionE2ETest.sts(AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey()))) {
            // calls before the stop, while it stops, and CALLS / 2 after it stopped
            AtomicInteger stoppedAfter = new AtomicInteger(Integer.MAX_VALUE);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < (long) stoppedAfter.get() + CALLS / 2; i++) {
                    String user = "u" + (i - i % 5) + "-" + run;
                    calls.add(switch (i % 5) {
                        case 0 -> call(IAM, "CreateUser", "root", () -> root.createUser(b -> b.userName(user)));
                        case 1 -> call(IAM, "TagUser", "root", () -> root.tagUser(b -> b.userName(user).tags(t -> t.key("k").value("v"))));
                        case 2 -> call(IAM, "PutUserPolicy", "root", () -> root.putUserPolicy(b -> b.userName(user).policyName("p")
                                .policyDocument(policy)));
                        case 3 -> call(IAM, "DeleteUser", denied, () -> nobody.deleteUser(b -> b.userName(user)));
                        default -> call(STS, "GetCallerIdentity", "root", () -> sts.getCallerIdentity(b -> { }));
                    });
                }
            });
            await("the first calls").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> calls.size() >= CALLS / 4 || writer.isDone());
            int beforeStop = calls.size();
            system.stopComponent("kafka");
            try {
                stoppedAfter.set(calls.size());
                writer.get(10, TimeUnit.MINUTES);
                System.out.printf("audit faults: %d calls, %d while the broker stopped, %d after it had stopped%n", calls.size(),
                        stoppedAfter.get() - beforeStop, calls.size() - stoppedAfter.get());
            } finally {
                system.startStopped();
            }
        }
        assertThat(calls).as("every call answered as it should be, the broker down or not").allSatisfy(call -> {
            assertThat(call.requestId()).isNotBlank().isNotEqualTo("UNKNOWN");
            assertThat(call.errorCode()).isEqualTo(call.caller().equals(denied) ? "AccessDenied" : null);
        });

        List<String> requestIds = calls.stream().map(AuditRecords.Call::requestId).toList();
        await("every call's record, after the broker is back").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> AuditRecords.byRequestId(account.accountId()).keySet().containsAll(requestIds));
        // and no second record of any of them, for as long as the relays might still be repeating one
        await("one record per call").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertOneRecordEach(calls, AuditRecords.byRequestId(account.accountId())));
    }

    private static void assertOneRecordEach(List<AuditRecords.Call> calls, Map<String, List<JsonNode>> stored) {
        for (AuditRecords.Call call : calls) {
            assertThat(stored.get(call.requestId())).as(call + ": its records").singleElement().satisfies(record -> {
                assertThat(record.path("eventName").asText()).isEqualTo(call.action());
                assertThat(record.path("eventSource").asText()).isEqualTo(call.source());
            });
        }
        assertThat(stored.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).collect(Collectors.toList()))
                .as("request ids with two records or more, in the whole account").isEmpty();
    }
}
