package dev.openiam.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients configured the way the services' outbox relay is: idempotent, acks=all. */
final class KafkaClients {

    private KafkaClients() {
    }

    static KafkaProducer<String, String> producer(String servers) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // while the broker is down a send fails after max.block.ms if the producer has lost the
                // topic's metadata, else after delivery.timeout.ms: keep both short so a test's outage is
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3_000,
                ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500),
                new StringSerializer(), new StringSerializer());
    }

    static KafkaConsumer<String, String> consumer(String servers, String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** Polls until {@code count} records arrived (fails after {@code timeout}), then a little more to catch extras. */
    static List<ConsumerRecord<String, String>> poll(KafkaConsumer<String, String> consumer, int count, Duration timeout) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        await().atMost(timeout).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            return received.size() >= count;
        });
        // duplicates would arrive right behind the originals; one more poll lets a test see them
        consumer.poll(Duration.ofMillis(500)).forEach(received::add);
        return received;
    }
}
