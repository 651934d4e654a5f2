package dev.openiam.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a Quarkus test its own {@link EmbeddedKafka}, which the test can stop and start to show what
 * the application does while Kafka is down. Supplies {@code kafka.bootstrap.servers}; the address
 * stays the same across restarts.
 *
 * <pre>{@code
 * @QuarkusTest
 * @WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
 * @WithTestResource(value = RestartableKafkaTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
 * class OutboxRelayTest {
 *     @InjectEmbeddedKafka
 *     EmbeddedKafka kafka;          // or RestartableKafkaTestResource.broker()
 *
 *     @Test
 *     void catchesUpAfterAnOutage() {
 *         kafka.stop();
 *         // ... writes that must still succeed ...
 *         kafka.start();
 *         // ... await every event, once and in order, on kafka.bootstrapServers() ...
 *     }
 * }
 * }</pre>
 *
 * Restricting it to the class starts a separate Quarkus application for that class, so other test
 * classes keep the shared broker of {@link KafkaTestResource}. The broker is made for each start of
 * the resource and deleted by {@link #stop()}. Its {@link #order()} is high so that, should a global
 * {@link KafkaTestResource} apply to the same class, this resource's address wins.
 */
public class RestartableKafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile EmbeddedKafka broker;

    /**
     * The broker of the running resource.
     *
     * @throws IllegalStateException if no test application with this resource is running
     */
    public static EmbeddedKafka broker() {
        EmbeddedKafka current = broker;
        if (current == null) {
            throw new IllegalStateException("no RestartableKafkaTestResource is running in this test");
        }
        return current;
    }

    @Override
    public Map<String, String> start() {
        EmbeddedKafka started = new EmbeddedKafka().start();
        broker = started;
        return Map.of(KafkaTestResource.BOOTSTRAP_SERVERS, started.bootstrapServers());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(broker(),
                new TestInjector.AnnotatedAndMatchesType(InjectEmbeddedKafka.class, EmbeddedKafka.class));
    }

    @Override
    public void stop() {
        EmbeddedKafka current = broker;
        broker = null;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public int order() {
        return 1000;
    }
}
