package dev.openiam.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** What a topic of the running system holds for one account: the revisions of its events, in the order they were published. */
final class TopicHistory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TopicHistory() {
    }

    /** One published record of an account: its revision, event id, type and payload. */
    record Published(long revision, String eventId, String type, JsonNode payload) {
    }

    static List<Long> revisions(String topic, String accountId) {
        return events(topic, accountId).stream().map(Published::revision).toList();
    }

    /** The account's records on {@code topic}, in the order they were published (a record published again: twice). */
    static List<Published> events(String topic, String accountId) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + LocalSystem.get().clientEnvironment().get("IAM_KAFKA_PORT"));
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<Published> events = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (accountId.equals(record.key())) {
                        JsonNode envelope = JSON.readTree(record.value());
                        events.add(new Published(envelope.path("revision").asLong(), envelope.path("eventId").asText(),
                                envelope.path("type").asText(), envelope.path("payload")));
                    }
                }
            }
            return events;
        } catch (IOException e) {
            throw new IllegalStateException("unreadable event on " + topic, e);
        }
    }
}
