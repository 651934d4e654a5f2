package dev.openiam.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {

    @Test
    void aProducerFailsWhileItIsStoppedAndReconnectsToTheSameAddressAfterwards() throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
            String servers = kafka.bootstrapServers();
            String topic = "iam.identity.v1";
            try (KafkaProducer<String, String> producer = KafkaClients.producer(servers)) {
                producer.send(new ProducerRecord<>(topic, "111122223333", "before")).get();

                kafka.stop();
                assertThat(kafka.isRunning()).isFalse();
                assertThat(kafka.bootstrapServers()).isEqualTo(servers);
                assertThat(accepts(servers)).as("nothing listens while stopped").isFalse();
                // what an outbox relay sees during an outage: the send fails (after max.block.ms)
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "111122223333", "lost")).get())
                        .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);

                kafka.start();
                for (int i = 1; i <= 3; i++) {
                    producer.send(new ProducerRecord<>(topic, "111122223333", "after-" + i)).get();
                }
            }

            try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(servers, topic)) {
                assertThat(KafkaTestResourceTest.values(KafkaClients.poll(consumer, 4, Duration.ofSeconds(60))))
                        .containsExactly("before", "after-1", "after-2", "after-3");
            }
        }
    }

    @Test
    void keepsItsDataAcrossRestartsAndDeletesItOnClose() throws Exception {
        EmbeddedKafka kafka = new EmbeddedKafka().start();
        try {
            try (KafkaProducer<String, String> producer = KafkaClients.producer(kafka.bootstrapServers())) {
                producer.send(new ProducerRecord<>("kept", "k", "v")).get();
            }
            kafka.stop();
            kafka.start();
            try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(kafka.bootstrapServers(), "kept")) {
                assertThat(KafkaTestResourceTest.values(KafkaClients.poll(consumer, 1, Duration.ofSeconds(60))))
                        .containsExactly("v");
            }
            assertThat(kafka.dataDirectory()).startsWith(WorkDirectories.base());
        } finally {
            kafka.close();
        }
        assertThat(kafka.isRunning()).isFalse();
        assertThat(kafka.dataDirectory()).doesNotExist();
    }

    private static boolean accepts(String hostPort) {
        String[] parts = hostPort.split(":");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(parts[0], Integer.parseInt(parts[1])), 1_000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
