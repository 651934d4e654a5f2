package dev.openiam.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.openiam.audit.event.messaging.AuditRecordConsumer;
import dev.openiam.model.audit.AuditCodec;
import dev.openiam.model.audit.AuditEvent;
import dev.openiam.model.audit.AuditRecord;
import dev.openiam.outbox.KafkaClients;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records published to {@code iam.audit.v1} are stored once per eventID, whatever is repeated; with every secret
 * hidden even when the producer forgot; a message that is no record, and a record past retention, are not stored
 * and do not stop the records after them.
 */
@QuarkusTest
class AuditIngestTest {

    @Inject
    Pool pool;

    @Inject
    AuditRecordConsumer consumer;

    @TestHTTPResource("/")
    URI health;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aRecordPublishedTwiceIsStoredOnce() throws Exception {
        String account = Records.account();
        AuditRecord record = Records.call(account, "alice", "AKIAALICE", "CreateUser", "bob", Instant.now(), false);
        AuditRecord other = Records.call(account, "alice", "AKIAALICE", "GetUser", "bob", Instant.now(), true);

        publish(account, AuditCodec.encode(record), AuditCodec.encode(record), AuditCodec.encode(other), AuditCodec.encode(record));

        await().atMost(Duration.ofSeconds(30)).until(() -> count(account) == 2);
        // what came after the repeats is there, and nothing more arrives
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> count(account) == 2);
        assertThat(stored(record)).isNotNull();
    }

    @Test
    void aSecretTheProducerForgotIsNeverStored() throws Exception {
        String account = Records.account();
        AuditRecord record = Records.call(account, "alice", "AKIAALICE", "CreateAccessKey", "bob", Instant.now(), false)
                .withBodies(JsonNodeFactory.instance.objectNode().put("userName", "bob"),
                        JsonNodeFactory.instance.objectNode().set("accessKey", JsonNodeFactory.instance.objectNode()
                                .put("accessKeyId", "AKIABOB").put("SecretAccessKey", "wJalrXUtnFEMI-the-secret")));
        // written by hand, as a careless producer would: the secret is on the topic
        String careless = AuditCodec.encode(record).replace("HIDDEN_DUE_TO_SECURITY_REASONS", "wJalrXUtnFEMI-the-secret");
        assertThat(careless).contains("wJalrXUtnFEMI-the-secret");

        publish(account, careless);

        await().atMost(Duration.ofSeconds(30)).until(() -> count(account) == 1);
        assertThat(stored(record)).doesNotContain("wJalrXUtnFEMI").contains("HIDDEN_DUE_TO_SECURITY_REASONS");
    }

    @Test
    void whatIsNoRecordOrPastRetentionIsSkipped() throws Exception {
        String account = Records.account();
        AuditRecord old = Records.call(account, "alice", "AKIAALICE", "GetUser", "bob",
                Instant.now().minus(91, ChronoUnit.DAYS), true);
        AuditRecord fresh = Records.call(account, "alice", "AKIAALICE", "GetUser", "carol", Instant.now(), true);
        long malformed = consumer.malformed();

        publish(account, "{not json", "{\"type\":\"UserCreated\"}", AuditCodec.encode(old), AuditCodec.encode(fresh));

        await().atMost(Duration.ofSeconds(30)).until(() -> count(account) == 1);
        assertThat(stored(fresh)).isNotNull();
        assertThat(stored(old)).isNull();
        assertThat(consumer.malformed()).isGreaterThanOrEqualTo(malformed + 2);
    }

    @Test
    void aRecordIsStoredInItsDaysPartitionWithItsLookupColumns() throws Exception {
        String account = Records.account();
        AuditRecord record = Records.call(account, "alice", "AKIAALICE", "DeleteUser", "bob", Instant.now(), false);

        publish(account, AuditCodec.encode(record));

        await().atMost(Duration.ofSeconds(30)).until(() -> count(account) == 1);
        Row row = pool.preparedQuery("select tableoid::regclass::text as part, event_name, read_only, username, access_key_id, "
                + "event_source, resource_types, resource_names from audit.events where event_id = $1")
                .execute(Tuple.of(record.eventID())).await().indefinitely().iterator().next();
        assertThat(row.getString("part")).isEqualTo("audit.events_p" + record.eventTime().toString().substring(0, 10).replace("-", ""));
        assertThat(row.getString("event_name")).isEqualTo("DeleteUser");
        assertThat(row.getBoolean("read_only")).isFalse();
        assertThat(row.getString("username")).isEqualTo("alice");
        assertThat(row.getString("access_key_id")).isEqualTo("AKIAALICE");
        assertThat(row.getString("event_source")).isEqualTo("iam.amazonaws.com");
        assertThat(row.getArrayOfStrings("resource_types")).containsExactly("AWS::IAM::User");
        assertThat(row.getArrayOfStrings("resource_names")).containsExactly("bob", "arn:aws:iam::" + account + ":user/bob");
    }

    @Test
    void aBatchTheDatabaseRefusesIsStoredWhenItAcceptsAgainNeverSkipped() throws Exception {
        // the partition of a day two days ahead vanishes under the consumer, which believes it exists: the first insert
        // fails, the offsets stay uncommitted, and the batch is stored on a later try (the partition made again)
        String account = Records.account();
        Instant ahead = Instant.now().plus(2, ChronoUnit.DAYS);
        String partition = "audit.events_p" + ahead.toString().substring(0, 10).replace("-", "");
        AuditRecord first = Records.call(account, "alice", "AKIAALICE", "GetUser", "bob", Instant.now(), true);
        AuditRecord refused = Records.call(account, "alice", "AKIAALICE", "GetUser", "carol", ahead, true);
        publish(account, AuditCodec.encode(first));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(account) == 1);
        pool.query("drop table if exists " + partition).execute().await().indefinitely();

        publish(account, AuditCodec.encode(refused), AuditCodec.encode(refused));

        await().atMost(Duration.ofSeconds(30)).until(() -> count(account) == 2);
        assertThat(stored(refused)).isNotNull();
        assertThat(pool.query("select to_regclass('" + partition + "')").execute().await().indefinitely().iterator().next()
                .getValue(0)).isNotNull();
    }

    @Test
    void batchAfterBatchIsStoredOnceEachInTheTopicsOrder() throws Exception {
        // more records than several polls hand over (the next batch is polled while the last is stored): every one is
        // stored once, and the ingest order (seq) is the partition's order, which readers of the live streams rely on
        String account = Records.account();
        List<AuditRecord> records = new java.util.ArrayList<>();
        for (int i = 0; i < 1_600; i++) {
            records.add(Records.call(account, "alice", "AKIAALICE", i % 3 == 0 ? "CreateUser" : "GetUser", "u" + i, Instant.now(),
                    i % 3 != 0));
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaClients.config(bootstrapServers, Map.of("acks", "all")),
                new StringSerializer(), new StringSerializer())) {
            records.forEach(record -> producer.send(new ProducerRecord<>(AuditEvent.TOPIC, account, AuditCodec.encode(record))));
            producer.flush();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> count(account) == records.size());
        List<java.util.UUID> inIngestOrder = pool.preparedQuery("select event_id from audit.events where account_id = $1 order by seq")
                .execute(Tuple.of(account)).await().indefinitely().stream().map(row -> row.getUUID(0)).toList();
        assertThat(inIngestOrder).containsExactlyElementsOf(records.stream().map(AuditRecord::eventID).toList());
    }

    @Test
    void readyWhileTheConsumerPolls() throws Exception {
        // the consumer's check is UP once it has polled the broker (its first poll waits for the group to form)
        HttpResponse<String> ready = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(health.resolve("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()), response -> response.statusCode() == 200);

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("audit-consumer");
        assertThat(consumer.polling(Duration.ofSeconds(5))).isTrue();
    }

    private void publish(String account, String... messages) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaClients.config(bootstrapServers, Map.of("acks", "all")),
                new StringSerializer(), new StringSerializer())) {
            for (String message : messages) {
                producer.send(new ProducerRecord<>(AuditEvent.TOPIC, account, message)).get();
            }
        }
    }

    private long count(String account) {
        return pool.preparedQuery("select count(*) from audit.events where account_id = $1").execute(Tuple.of(account))
                .await().indefinitely().iterator().next().getLong(0);
    }

    private String stored(AuditRecord record) {
        List<String> rows = pool.preparedQuery("select record from audit.events where event_id = $1")
                .execute(Tuple.of(record.eventID())).await().indefinitely().stream().map(r -> r.getString(0)).toList();
        assertThat(rows.size()).isLessThanOrEqualTo(1);
        return rows.isEmpty() ? null : rows.get(0);
    }
}
