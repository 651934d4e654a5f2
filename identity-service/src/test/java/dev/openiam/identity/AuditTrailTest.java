package dev.openiam.identity;

import dev.openiam.model.audit.AuditCodec;
import dev.openiam.model.audit.AuditEvent;
import dev.openiam.model.audit.AuditRecord;
import dev.openiam.model.event.EventCodec;
import dev.openiam.model.event.EventEnvelope;
import dev.openiam.testsupport.EmbeddedKafka;
import dev.openiam.testsupport.InjectEmbeddedKafka;
import dev.openiam.testsupport.RestartableKafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every call through the IAM front door leaves exactly one audit record in identity-service's audit outbox — a write's
 * in the transaction of its change, a failed write only the record of its failure, a read or a refusal its own — with
 * no secret in it; they wait there while Kafka is down and each reaches {@code iam.audit.v1} once when it is back.
 */
@QuarkusTest
@WithTestResource(value = RestartableKafkaTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class AuditTrailTest {

    private static final String PASSWORD = "Audit-Pa55word!" + UUID.randomUUID().toString().substring(0, 8);

    @InjectEmbeddedKafka
    EmbeddedKafka kafka;

    @Inject
    Pool pool;

    @Test
    void eachCallIsRecordedOnceWithoutSecretsAndSurvivesKafkaBeingDown() {
        Api api = Api.fresh();
        QueryApi iam = new QueryApi(api);
        kafka.stop();

        iam.ok("CreateUser", "UserName", "audited");
        iam.error(409, "EntityAlreadyExists", "CreateUser", "UserName", "audited");
        iam.error(404, "NoSuchEntity", "GetUser", "UserName", "nobody");
        String secret = iam.ok("CreateAccessKey", "UserName", "audited").getString("AccessKey.SecretAccessKey");
        String keyId = iam.ok("ListAccessKeys", "UserName", "audited").getString("AccessKeyMetadata.member.AccessKeyId");
        iam.ok("CreateLoginProfile", "UserName", "audited", "Password", PASSWORD);
        // a user's call needs the decision point, which no test runs: refused, fail closed, and recorded as refused
        new QueryApi(new Api(api.accountId(), keyId, secret)).error(503, "ServiceUnavailable", "ListUsers");

        List<Row> rows = rows(api.accountId());
        List<AuditRecord> records = rows.stream().map(row -> AuditCodec.fromJson(row.getString("payload"))).toList();
        assertThat(records).extracting(AuditRecord::eventName).containsExactlyInAnyOrder("CreateUser", "CreateUser", "GetUser",
                "CreateAccessKey", "ListAccessKeys", "CreateLoginProfile", "ListUsers");
        assertThat(records).extracting(AuditRecord::eventID).doesNotHaveDuplicates();
        assertThat(records).allMatch(r -> r.recipientAccountId().equals(api.accountId()) && r.eventSource().equals("iam.amazonaws.com"));

        AuditRecord created = only(records, "CreateUser", null);
        assertThat(created.readOnly()).isFalse();
        assertThat(created.userIdentity().type()).isEqualTo("Root");
        assertThat(created.userIdentity().accessKeyId()).isEqualTo(api.accessKeyId());
        assertThat(created.requestParameters().get("userName").asText()).isEqualTo("audited");
        assertThat(created.responseElements().at("/user/userName").asText()).as("written in the write's transaction")
                .isEqualTo("audited");
        assertThat(created.resources()).extracting(AuditRecord.Resource::type).containsExactly("AWS::IAM::User");
        AuditRecord duplicate = only(records, "CreateUser", "EntityAlreadyExists");
        assertThat(duplicate.responseElements()).isNull();
        AuditRecord missing = only(records, "GetUser", "NoSuchEntity");
        assertThat(missing.readOnly()).isTrue();
        assertThat(only(records, "ListAccessKeys", null).readOnly()).isTrue();
        AuditRecord key = only(records, "CreateAccessKey", null);
        assertThat(key.responseElements().at("/accessKey/accessKeyId").asText()).isEqualTo(keyId);
        assertThat(key.responseElements().at("/accessKey/secretAccessKey").asText()).isEqualTo("HIDDEN_DUE_TO_SECURITY_REASONS");
        assertThat(only(records, "CreateLoginProfile", null).requestParameters().get("password").asText())
                .isEqualTo("HIDDEN_DUE_TO_SECURITY_REASONS");
        AuditRecord refused = only(records, "ListUsers", "ServiceUnavailable");
        assertThat(refused.userIdentity().type()).isEqualTo("IAMUser");
        assertThat(refused.userIdentity().userName()).isEqualTo("audited");
        assertThat(refused.userIdentity().accessKeyId()).isEqualTo(keyId);
        for (Row row : rows) {
            assertThat(row.getString("payload")).doesNotContain(secret).doesNotContain(PASSWORD);
        }

        kafka.start();
        List<AuditRecord> published = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = auditTopic()) {
            await().atMost(Duration.ofSeconds(90)).pollInSameThread().until(() -> {
                poll(consumer, api.accountId(), published);
                return published.size() >= records.size();
            });
            for (int i = 0; i < 5; i++) {
                poll(consumer, api.accountId(), published);
            }
        }
        assertThat(published).extracting(AuditRecord::eventID).as("each record once")
                .containsExactlyInAnyOrderElementsOf(records.stream().map(AuditRecord::eventID).toList());
        await().atMost(Duration.ofSeconds(30)).until(() -> rows(api.accountId()).isEmpty());
    }

    /**
     * With the broker up, a read's record goes straight to the topic (the relay would have given it the table row's
     * revision; a record sent directly carries none, 0) and is published once.
     */
    @Test
    void aReadsRecordGoesStraightToTheTopicWhenTheBrokerIsUp() {
        if (!kafka.isRunning()) {
            kafka.start();
        }
        Api api = Api.fresh();
        QueryApi iam = new QueryApi(api);
        iam.ok("CreateUser", "UserName", "reader");
        List<EventEnvelope> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = auditTopic()) {
            // the producer may still be learning the topic's partitions (its first records then go through the table)
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> {
                iam.ok("GetUser", "UserName", "reader");
                pollEnvelopes(consumer, api.accountId(), seen);
                return seen.stream().anyMatch(e -> e.revision() == 0 && ((AuditRecord) e.payload()).eventName().equals("GetUser"));
            });
            for (int i = 0; i < 5; i++) {
                pollEnvelopes(consumer, api.accountId(), seen);
            }
        }
        EventEnvelope direct = seen.stream().filter(e -> e.revision() == 0).findFirst().orElseThrow();
        AuditRecord record = (AuditRecord) direct.payload();
        assertThat(record.readOnly()).isTrue();
        assertThat(record.userIdentity().accessKeyId()).isEqualTo(api.accessKeyId());
        assertThat(direct.eventId()).isEqualTo(record.eventID());
        assertThat(seen).extracting(EventEnvelope::eventId).as("each record once").doesNotHaveDuplicates();
        assertThat(rows(api.accountId())).extracting(row -> AuditCodec.fromJson(row.getString("payload")).eventID())
                .as("a record sent directly is not in the table").doesNotContain(record.eventID());
    }

    /** The envelopes of {@code accountId}'s records in one poll. */
    private static void pollEnvelopes(KafkaConsumer<String, String> consumer, String accountId, List<EventEnvelope> into) {
        for (ConsumerRecord<String, String> message : consumer.poll(Duration.ofMillis(300))) {
            if (message.key().equals(accountId)) {
                into.add(EventCodec.decode(message.value()));
            }
        }
    }

    /** A consumer of {@code iam.audit.v1} from its beginning, in a group of its own. */
    private KafkaConsumer<String, String> auditTopic() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "audit-trail-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(AuditEvent.TOPIC));
        return consumer;
    }

    private static AuditRecord only(List<AuditRecord> records, String eventName, String errorCode) {
        List<AuditRecord> matching = records.stream()
                .filter(r -> r.eventName().equals(eventName) && java.util.Objects.equals(r.errorCode(), errorCode)).toList();
        assertThat(matching).as(eventName + " " + errorCode).hasSize(1);
        return matching.get(0);
    }

    private List<Row> rows(String accountId) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("select payload from identity.audit_outbox where account_id = $1").execute(Tuple.of(accountId))
                .await().atMost(Duration.ofSeconds(10)).forEach(rows::add);
        return rows;
    }

    private static void poll(KafkaConsumer<String, String> consumer, String accountId, List<AuditRecord> into) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            if (record.key().equals(accountId)) {
                into.add(AuditCodec.decode(record.value()));
            }
        }
    }
}
