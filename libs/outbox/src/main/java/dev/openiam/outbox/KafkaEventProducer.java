package dev.openiam.outbox;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The relay's Kafka producer: idempotent, {@code acks=all}, short blocking bounds so that a dead broker
 * fails a round quickly instead of stalling it. Made lazily (creating the topic first), and made again
 * after a failed round.
 */
final class KafkaEventProducer implements AutoCloseable {

    private final String bootstrapServers;
    private final OutboxSettings settings;
    private Producer<String, String> producer;
    private boolean topicReady;

    KafkaEventProducer(String bootstrapServers, OutboxSettings settings) {
        this.bootstrapServers = bootstrapServers;
        this.settings = settings;
    }

    synchronized Producer<String, String> get() throws InterruptedException {
        if (!topicReady) {
            ensureTopic();
            topicReady = true;
        }
        if (producer == null) {
            producer = new KafkaProducer<>(KafkaClients.config(bootstrapServers, Map.of(
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.ACKS_CONFIG, "all",
                    // one request out at a time: with more, a broker that has just come back can refuse the first
                    // (its partitions' leaders not known yet) and take the next, whose sequence number it accepts
                    // from a producer it does not know; the first then fails out of order and the round, published
                    // again, repeats the event taken (seen in OutboxRelayTest: revisions 3, 1, 2, 3, …)
                    ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                    ProducerConfig.LINGER_MS_CONFIG, 2,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000,
                    ProducerConfig.CLIENT_ID_CONFIG, settings.clientId())),
                    new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    /** Drops the producer after a failure, so the next round starts with a fresh connection and epoch. */
    synchronized void reset() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @Override
    public void close() {
        reset();
    }

    private void ensureTopic() throws InterruptedException {
        try (Admin admin = Admin.create(KafkaClients.config(bootstrapServers, Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000)))) {
            admin.createTopics(List.of(new NewTopic(settings.topic(), settings.partitions(), (short) -1)))
                    .all().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + settings.topic() + ": " + e.getCause().getMessage());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer");
        }
    }
}
