package dev.openiam.identity.query;

import dev.openiam.glue.warmup.UnknownKeyQueries;
import dev.openiam.glue.warmup.WarmUp;
import dev.openiam.identity.Api;
import dev.openiam.identity.QueryApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * At start identity-service sends its own front door the IAM reads as a key that does not exist, and is not ready
 * until that is over; every one is answered InvalidClientTokenId and none leaves an audit record or a row.
 */
@QuarkusTest
@TestProfile(WarmUpTest.Enabled.class)
class WarmUpTest {

    public static class Enabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("iam.warmup.duration", "8s");
        }
    }

    @Inject
    WarmUp warmUp;

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void theFrontDoorIsWarmedUpBeforeItIsReadyAndNothingIsRecorded() {
        assertThat(warmUp.done()).as("8 s of warm-up are not over when the first test runs").isFalse();
        RestAssured.given().get("/q/health/ready").then().statusCode(503).body(containsString("warm-up"));

        await().atMost(Duration.ofSeconds(60)).until(warmUp::done);
        RestAssured.given().get("/q/health/ready").then().statusCode(200);
        assertThat(warmUp.answered()).containsOnlyKeys(403);
        assertThat(warmUp.answered().get(403)).isGreaterThan(100);

        // a call with a caller is recorded (the control), the warm-up's are not: neither in the outbox nor on the topic
        Api api = Api.fresh();
        new QueryApi(api).ok("GetUser");
        assertThat(pool.preparedQuery("select count(*) from identity.audit_outbox where payload like $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of("%" + UnknownKeyQueries.ACCESS_KEY_ID + "%"))
                .await().indefinitely().iterator().next().getLong(0)).isZero();
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.GROUP_ID_CONFIG, "warm-up-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("iam.audit.v1"));
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    records.add(record.value());
                }
                return records.stream().anyMatch(value -> value.contains(api.accountId()) && value.contains("GetUser"));
            });
        }
        assertThat(records).noneMatch(value -> value.contains(UnknownKeyQueries.ACCESS_KEY_ID));
    }
}
