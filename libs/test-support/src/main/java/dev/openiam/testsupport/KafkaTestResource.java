package dev.openiam.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a Quarkus test's Kafka clients at the broker of {@link TestKafka}: supplies
 * {@code kafka.bootstrap.servers}.
 *
 * <p>Use on one test class of a module: {@code @QuarkusTestResource(KafkaTestResource.class)}, or
 * {@code @WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)}.
 * The broker is shared by every Quarkus application the test JVM starts and stopped when the JVM
 * exits; {@link #stop()} leaves it running.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    /** The key SmallRye Reactive Messaging and Quarkus' Kafka extension read. */
    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";

    @Override
    public Map<String, String> start() {
        return Map.of(BOOTSTRAP_SERVERS, TestKafka.bootstrapServers());
    }

    @Override
    public void stop() {
        // shared for the whole JVM; see the class comment
    }
}
