package dev.openiam.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka (KRaft, broker and controller in one) running inside the test JVM that a test
 * can stop and start again: it comes back on the same {@link #bootstrapServers() address} with the
 * same cluster id and its topics, offsets and records kept, so clients configured with that address
 * reconnect by themselves — the situation an outbox relay must survive.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
 *     String servers = kafka.bootstrapServers();   // 127.0.0.1:<port>, fixed for the instance's life
 *     kafka.stop();                                 // clients now get "connection refused"
 *     kafka.start();                                // same port, same data
 * }                                                 // close(): stop and delete the data
 * }</pre>
 *
 * <p>Ports are chosen free when the instance is made; data lives under the module's {@code target/}
 * unless a directory is given. Not thread-safe beyond its own methods being synchronized.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedKafka.class.getName());
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final boolean deleteOnClose;
    private final int brokerPort;
    private final int controllerPort;
    private final String clusterId = Uuid.randomUuid().toString();
    private KafkaRaftServer server;

    /** A broker with its data in a fresh directory under {@code target/}, deleted by {@link #close()}. */
    public EmbeddedKafka() {
        this(WorkDirectories.fresh("kafka-restartable"), true);
    }

    /**
     * A broker with its data in {@code dataDir} (created if missing).
     *
     * @param deleteOnClose whether {@link #close()} deletes {@code dataDir}
     */
    public EmbeddedKafka(Path dataDir, boolean deleteOnClose) {
        WorkDirectories.ensureTmpDirExists();
        this.dataDir = WorkDirectories.createDirectories(dataDir.toAbsolutePath());
        this.deleteOnClose = deleteOnClose;
        this.brokerPort = freePort();
        this.controllerPort = freePort();
    }

    /** {@code 127.0.0.1:port}; the same before, while and after the broker runs. */
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** Where the broker keeps its logs and metadata. */
    public Path dataDirectory() {
        return dataDir;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /**
     * Starts the broker (formatting its storage the first time) and waits until it serves clients.
     * Does nothing if it runs already.
     *
     * @return this
     */
    public synchronized EmbeddedKafka start() {
        if (server != null) {
            return this;
        }
        QuietLogs.kafkaBroker();
        Properties config = brokerConfig();
        if (!Files.exists(logDir().resolve("meta.properties"))) {
            format(config);
        }
        KafkaRaftServer started = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        try {
            started.startup();
            awaitReady();
        } catch (RuntimeException e) {
            shutdown(started);
            throw new IllegalStateException("embedded Kafka did not start on " + bootstrapServers() + " (data in " + dataDir + ")", e);
        }
        server = started;
        LOG.info(() -> "embedded Kafka serves " + bootstrapServers() + ", data in " + dataDir);
        return this;
    }

    /**
     * Stops the broker gracefully (logs flushed, listeners closed) and keeps its data. Does nothing if
     * it is stopped already.
     */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        shutdown(server);
        server = null;
        LOG.info(() -> "embedded Kafka on " + bootstrapServers() + " stopped");
    }

    /** Stops the broker and, if so made, deletes its data. */
    @Override
    public synchronized void close() {
        stop();
        if (deleteOnClose) {
            deleteRecursively(dataDir);
        }
    }

    private static void shutdown(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    private Path logDir() {
        return dataDir.resolve("logs");
    }

    private Properties brokerConfig() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        // a fixed voter set: the node is its own quorum, so formatting needs no --standalone
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir().toString());
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "true");
        // one broker: every internal topic makes do with one replica
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    private void format(Properties config) {
        Path file = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            config.store(out, "embedded Kafka for tests");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exit = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", file.toString()}, print);
        }
        if (exit != 0) {
            throw new IllegalStateException("formatting Kafka storage in " + dataDir + " failed: "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    /** The broker's startup returns before it has joined the quorum; clients need it to serve metadata. */
    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            while (true) {
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000)).nodes()
                            .get(10, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("broker not ready after " + READY_TIMEOUT, e);
                    }
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("broker not ready after " + READY_TIMEOUT);
                }
                TimeUnit.MILLISECONDS.sleep(100); // a node list can be empty for a moment after startup
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    /*
     * Fixed ports are the point of this class: the port must stay the broker's across restarts. A
     * port probed free here could in theory be taken before the first start; on a test machine that
     * race is rare enough, and the failure (address in use) is plain.
     */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warning("could not delete " + dir + ": " + e);
        }
    }
}
