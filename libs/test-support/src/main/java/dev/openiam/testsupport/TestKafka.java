package dev.openiam.testsupport;

import java.nio.file.Path;
import java.util.logging.Logger;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The Kafka broker of a test JVM, started on first use and stopped when the JVM exits.
 *
 * <p>The first of these that applies is used:
 * <ol>
 *   <li>the bootstrap servers named by environment variable {@code IAM_TEST_KAFKA} (or system property
 *       {@code iam.test.kafka}); neither started nor stopped;</li>
 *   <li>a Testcontainers container ({@code apache/kafka:4.1.1}) when a Docker engine answers, unless
 *       {@code IAM_TEST_DOCKER=false};</li>
 *   <li>an in-process KRaft broker ({@link KafkaClusterTestKit}, one combined broker/controller node)
 *       with its logs under the module's {@code target/}.</li>
 * </ol>
 * Topics are created on first use (broker default {@code auto.create.topics.enable=true}).
 *
 * <p>For a broker that a test stops and starts, see {@link EmbeddedKafka}.
 */
public final class TestKafka {

    /** Environment variable naming existing bootstrap servers. */
    public static final String ENV_BOOTSTRAP = "IAM_TEST_KAFKA";

    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";

    // JVM-wide, like TestPostgres: Quarkus may load this class once per application start.
    private static final String SHARED_PROPERTY = "iamtest.test-support.kafka.bootstrap";
    private static final String LOCK = "dev.openiam.testsupport.TestKafka";

    private static final Logger LOG = Logger.getLogger(TestKafka.class.getName());

    private TestKafka() {
    }

    /** Starts the broker if this JVM has none yet; returns its bootstrap servers ({@code host:port}). */
    public static String bootstrapServers() {
        synchronized (LOCK) {
            String shared = System.getProperty(SHARED_PROPERTY);
            if (shared != null) {
                return shared;
            }
            String servers = locateOrStart();
            System.setProperty(SHARED_PROPERTY, servers);
            return servers;
        }
    }

    private static String locateOrStart() {
        String servers = Settings.get(ENV_BOOTSTRAP, "iam.test.kafka");
        if (servers != null) {
            LOG.info(() -> "tests use the Kafka brokers named by " + ENV_BOOTSTRAP + ": " + servers);
            return servers;
        }
        if (DockerProbe.dockerAvailable()) {
            return startContainer();
        }
        return startInProcess();
    }

    @SuppressWarnings("resource") // stopped by the shutdown hook
    private static String startContainer() {
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "iam-test-kafka-stop"));
        String servers = container.getBootstrapServers();
        LOG.info(() -> "tests use a Kafka container: " + servers);
        return servers;
    }

    private static String startInProcess() {
        QuietLogs.kafkaBroker();
        WorkDirectories.ensureTmpDirExists();
        Path dir = WorkDirectories.fresh("kafka");
        KafkaClusterTestKit cluster;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(dir)
                    .build();
            cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "1")
                    // one broker: every internal topic must make do with one replica
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    // a consumer group's first member should not wait 3 s for others that never come
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the in-process Kafka broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("the in-process Kafka broker did not start (logs in " + dir + ")", e);
        }
        KafkaClusterTestKit started = cluster;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                started.close();
            } catch (Exception e) {
                LOG.warning("in-process Kafka broker did not stop cleanly: " + e);
            }
        }, "iam-test-kafka-stop"));
        String servers = cluster.bootstrapServers();
        LOG.info(() -> "tests use an in-process Kafka broker: " + servers + ", logs in " + dir);
        return servers;
    }
}
