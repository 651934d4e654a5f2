package dev.openiam.policyservice.messaging;

import dev.openiam.model.event.EventCodec;
import dev.openiam.model.event.EventEnvelope;
import dev.openiam.outbox.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Follows a topic from its end, on its own thread, with a consumer group of its own (every replica needs
 * every event). State from before it listened comes from the database or a snapshot; so it reports when
 * it starts and stops listening, and a listener that missed events starts afresh.
 */
public final class EventFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EventFollower.class);

    private final String topic;
    private final String bootstrapServers;
    private final Consumer<EventEnvelope> apply;
    private final Consumer<Boolean> listening;
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    /**
     * @param apply     called for each event, in partition order, on the follower's thread
     * @param listening called with {@code true} once positioned at the end of every assigned partition, and
     *                  with {@code false} when it loses them or fails
     */
    public EventFollower(String topic, String bootstrapServers, Consumer<EventEnvelope> apply, Consumer<Boolean> listening) {
        this.topic = topic;
        this.bootstrapServers = bootstrapServers;
        this.apply = apply;
        this.listening = listening;
    }

    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, "follow-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Events on the topic this follower has not read yet (Kafka's {@code records-lag} summed over its
     * partitions); each is one revision of one account the projection has not applied. Zero while not following.
     */
    public double lag() {
        KafkaConsumer<String, String> current = consumer;
        if (current == null) {
            return 0;
        }
        double lag = 0;
        try {
            for (Map.Entry<MetricName, ? extends Metric> metric : current.metrics().entrySet()) {
                if (metric.getKey().name().equals("records-lag") && metric.getKey().tags().containsKey("partition")
                        && metric.getValue().metricValue() instanceof Double value && !value.isNaN()) {
                    lag += value;
                }
            }
        } catch (RuntimeException e) {
            return 0; // the consumer closed under us: the next one reports
        }
        return lag;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(KafkaClients.config(bootstrapServers, Map.of(
                    ConsumerConfig.GROUP_ID_CONFIG, "follow-" + topic + "-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.CLIENT_ID_CONFIG, "follow-" + topic)),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer = kafka;
                kafka.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        listening.accept(false);
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        // resolve "latest" now, so that everything after this moment is seen
                        partitions.forEach(kafka::position);
                        listening.accept(true);
                    }
                });
                while (running) {
                    for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(500))) {
                        deliver(record);
                    }
                }
            } catch (WakeupException e) {
                listening.accept(false);
                return;
            } catch (RuntimeException e) {
                listening.accept(false);
                LOG.warnf("following %s failed, starting again: %s", topic, e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void deliver(ConsumerRecord<String, String> record) {
        EventEnvelope envelope;
        try {
            envelope = EventCodec.decode(record.value());
        } catch (IllegalArgumentException e) {
            LOG.warnf("skipping an undecodable event at %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            listening.accept(false);
            listening.accept(true);
            return;
        }
        apply.accept(envelope);
    }
}
