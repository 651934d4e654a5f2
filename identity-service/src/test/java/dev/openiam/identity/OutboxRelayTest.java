package dev.openiam.identity;

import dev.openiam.model.event.EventCodec;
import dev.openiam.model.event.EventEnvelope;
import dev.openiam.model.event.IdentityEvent;
import dev.openiam.testsupport.EmbeddedKafka;
import dev.openiam.testsupport.InjectEmbeddedKafka;
import dev.openiam.testsupport.RestartableKafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
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
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The transactional outbox: with the broker down, writes still succeed and their events wait in the
 * outbox; when it is back, every event arrives once, in revision order, keyed by the account.
 */
@QuarkusTest
@WithTestResource(value = RestartableKafkaTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class OutboxRelayTest {

    @InjectEmbeddedKafka
    EmbeddedKafka kafka;

    @Inject
    Pool pool;

    @Test
    void writesSucceedWhileKafkaIsDownAndEveryEventArrivesOnceInOrderAfterwards() {
        Api api = Api.fresh();
        api.post("users", "{\"userName\":\"before\"}").statusCode(201);
        await().atMost(Duration.ofSeconds(60)).until(() -> pending(api.accountId()) == 0);

        kafka.stop();
        List<String> names = List.of("u1", "u2", "u3", "u4", "u5");
        for (String name : names) {
            api.post("users", "{\"userName\":\"" + name + "\"}").statusCode(201);
        }
        api.post("groups", "{\"groupName\":\"g\"}").statusCode(201);
        api.put("groups/g/users/u1").statusCode(204);
        api.delete("groups/g/users/u1").statusCode(204);
        long last = Long.parseLong(api.given().delete(api.at("users/u5")).then().statusCode(204)
                .extract().header("X-Iam-Revision"));
        assertThat(pending(api.accountId())).as("events wait in the outbox while Kafka is down").isEqualTo(9);

        kafka.start();
        List<EventEnvelope> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(kafka.bootstrapServers())) {
            consumer.subscribe(List.of(IdentityEvent.TOPIC));
            await().atMost(Duration.ofSeconds(90)).pollInSameThread().until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(api.accountId())) {
                        events.add(EventCodec.decode(record.value()));
                    }
                }
                return events.size() >= last;
            });
            // drain a little more: a duplicate would show up here
            for (int i = 0; i < 5; i++) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key().equals(api.accountId())) {
                        events.add(EventCodec.decode(record.value()));
                    }
                });
            }
        }
        assertThat(events).extracting(EventEnvelope::revision)
                .as("every revision once, in order").containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
        assertThat(events).extracting(EventEnvelope::eventId).doesNotHaveDuplicates();
        assertThat(events).extracting(EventEnvelope::type).containsExactly(
                "AccountCreated", "AccessKeyCreated", "UserCreated",
                "UserCreated", "UserCreated", "UserCreated", "UserCreated", "UserCreated",
                "GroupCreated", "UserAddedToGroup", "UserRemovedFromGroup", "UserDeleted");
        assertThat(events).allMatch(event -> event.accountId().equals(api.accountId()));
        assertThat(((IdentityEvent.UserCreated) events.get(3).payload()).userName()).isEqualTo("u1");
        assertThat(pending(api.accountId())).isZero();
    }

    private long pending(String accountId) {
        return pool.preparedQuery("select count(*) from identity.outbox where account_id = $1")
                .execute(Tuple.of(accountId)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    private static KafkaConsumer<String, String> consumer(String bootstrapServers) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
    }
}
