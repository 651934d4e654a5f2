package dev.openiam.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class KafkaTestResourceTest {

    @Test
    void startsARealBrokerThatCarriesRecords() throws Exception {
        String servers = new KafkaTestResource().start().get(KafkaTestResource.BOOTSTRAP_SERVERS);
        String topic = "probe-" + UUID.randomUUID();

        try (KafkaProducer<String, String> producer = KafkaClients.producer(servers)) {
            producer.send(new ProducerRecord<>(topic, "123456789012", "hello")).get();
        }
        try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(servers, topic)) {
            List<ConsumerRecord<String, String>> received = KafkaClients.poll(consumer, 1, Duration.ofSeconds(30));
            assertThat(received).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("123456789012");
                assertThat(r.value()).isEqualTo("hello");
            });
        }
    }

    @Test
    void everyStartInTheJvmGetsTheSameBroker() {
        Map<String, String> first = new KafkaTestResource().start();
        assertThat(new KafkaTestResource().start()).isEqualTo(first);
        assertThat(first.get(KafkaTestResource.BOOTSTRAP_SERVERS)).isEqualTo(TestKafka.bootstrapServers());
    }

    static List<String> values(List<ConsumerRecord<String, String>> records) {
        List<String> values = new ArrayList<>();
        records.forEach(r -> values.add(r.value()));
        return values;
    }
}
