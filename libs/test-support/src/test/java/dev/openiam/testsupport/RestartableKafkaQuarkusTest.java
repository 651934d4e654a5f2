package dev.openiam.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The outbox-test setup: a class-restricted restartable broker, while the global KafkaTestResource of
 * {@link SharedResourcesQuarkusTest} also applies to this class and must lose.
 */
@QuarkusTest
@WithTestResource(value = RestartableKafkaTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class RestartableKafkaQuarkusTest {

    @InjectEmbeddedKafka
    EmbeddedKafka kafka;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String servers;

    @Test
    void theApplicationIsPointedAtTheRestartableBrokerWhichTheTestControls() throws Exception {
        assertThat(kafka).isNotNull().isSameAs(RestartableKafkaTestResource.broker());
        assertThat(servers).isEqualTo(kafka.bootstrapServers()).isNotEqualTo(TestKafka.bootstrapServers());

        kafka.stop();
        kafka.start();
        try (KafkaProducer<String, String> producer = KafkaClients.producer(servers)) {
            producer.send(new ProducerRecord<>("after-restart", "k", "v")).get();
        }
        try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(servers, "after-restart")) {
            assertThat(KafkaTestResourceTest.values(KafkaClients.poll(consumer, 1, Duration.ofSeconds(60))))
                    .containsExactly("v");
        }
    }
}
