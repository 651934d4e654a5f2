package dev.openiam.policyservice;

import dev.openiam.model.audit.AuditCodec;
import dev.openiam.model.audit.AuditEvent;
import dev.openiam.model.audit.AuditRecord;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.openiam.policyservice.Iam.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * policy-service records the forwarded IAM calls it answers, once each, under the front door's event id: a write's
 * record commits with the write (on {@code iam.audit.v1} through the audit outbox), a failed write leaves only the
 * record of its failure, a denied call one record with AccessDenied, a read one read-only record.
 */
@QuarkusTest
class AuditRecordsTest {

    @Test
    void everyForwardedCallIsRecordedOnceAndAWriteWithItsChange() {
        Iam root = Iam.freshAccount();
        IdentityStandIn.user(root.accountId(), "alice");
        Iam alice = root.asUser("alice");
        Instant time = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        UUID created = UUID.randomUUID();
        assertThat(call(root, created, time, "CreatePolicy", "PolicyName", "Audited", "PolicyDocument", doc("s3:GetObject"))
                .statusCode()).isEqualTo(200);
        UUID duplicate = UUID.randomUUID();
        assertThat(call(root, duplicate, time, "CreatePolicy", "PolicyName", "Audited", "PolicyDocument", doc("s3:PutObject"))
                .statusCode()).isEqualTo(409);
        UUID denied = UUID.randomUUID();
        assertThat(call(alice, denied, time, "CreatePolicy", "PolicyName", "Other", "PolicyDocument", doc("s3:GetObject"))
                .statusCode()).isEqualTo(403);
        UUID read = UUID.randomUUID();
        assertThat(call(root, read, time, "GetPolicy", "PolicyArn", root.arn("policy/Audited")).statusCode()).isEqualTo(200);

        List<AuditRecord> records = records(root.accountId(), 4);
        assertThat(records).extracting(AuditRecord::eventID).containsExactlyInAnyOrder(created, duplicate, denied, read);
        AuditRecord write = find(records, created);
        assertThat(write.eventName()).isEqualTo("CreatePolicy");
        assertThat(write.eventSource()).isEqualTo("iam.amazonaws.com");
        assertThat(write.eventTime()).isEqualTo(time);
        assertThat(write.sourceIPAddress()).isEqualTo("192.0.2.7");
        assertThat(write.userAgent()).isEqualTo("aws-sdk-java/2 test");
        assertThat(write.errorCode()).isNull();
        assertThat(write.readOnly()).isFalse();
        assertThat(write.userIdentity().type()).isEqualTo("Root");
        assertThat(write.requestParameters().get("policyName").asText()).isEqualTo("Audited");
        assertThat(write.responseElements()).as("the write's result, from its transaction").isNotNull();
        assertThat(write.responseElements().toString()).contains(root.arn("policy/Audited"));
        assertThat(write.resources()).extracting(AuditRecord.Resource::arn).containsExactly(root.arn("policy/Audited"));

        AuditRecord failed = find(records, duplicate);
        assertThat(failed.errorCode()).isEqualTo("EntityAlreadyExists");
        assertThat(failed.responseElements()).as("the rolled-back write left no record of success").isNull();

        AuditRecord refused = find(records, denied);
        assertThat(refused.errorCode()).isEqualTo("AccessDenied");
        assertThat(refused.errorMessage()).contains("is not authorized to perform: iam:CreatePolicy");
        assertThat(refused.userIdentity().type()).isEqualTo("IAMUser");
        assertThat(refused.userIdentity().userName()).isEqualTo("alice");

        AuditRecord lookup = find(records, read);
        assertThat(lookup.readOnly()).isTrue();
        assertThat(lookup.errorCode()).isNull();
        assertThat(lookup.responseElements()).isNull();
    }

    private static AuditRecord find(List<AuditRecord> records, UUID eventId) {
        return records.stream().filter(r -> r.eventID().equals(eventId)).findFirst().orElseThrow();
    }

    /** As identity-service forwards a call, with the front door's audit facts. */
    private static Response call(Iam caller, UUID eventId, Instant time, String action, String... params) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action);
        body.put("params", Iam.params(params));
        body.put("requestId", UUID.randomUUID().toString());
        body.put("atLeastIdentityRevision", 0);
        body.put("atLeastPolicyRevision", caller.revision());
        body.put("audit", Map.of("eventId", eventId.toString(), "eventTime", time.toString(), "sourceIp", "192.0.2.7",
                "userAgent", "aws-sdk-java/2 test"));
        byte[] bytes = Iam.json(body);
        return Iam.post(Iam.PATH, "Bearer " + caller.token(bytes, action), bytes);
    }

    /** The account's records on the topic: waits for {@code expected}, then reads on a little to see any repeat. */
    static List<AuditRecord> records(String accountId, int expected) {
        List<AuditRecord> records = new ArrayList<>();
        String servers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.GROUP_ID_CONFIG, "audit-records-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(AuditEvent.TOPIC));
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> {
                poll(consumer, accountId, records);
                return records.size() >= expected;
            });
            for (int i = 0; i < 5; i++) {
                poll(consumer, accountId, records);
            }
        }
        return records;
    }

    private static void poll(KafkaConsumer<String, String> consumer, String accountId, List<AuditRecord> into) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            if (record.key().equals(accountId)) {
                into.add(AuditCodec.decode(record.value()));
            }
        }
    }
}
