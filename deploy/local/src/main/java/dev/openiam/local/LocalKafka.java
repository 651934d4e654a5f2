package dev.openiam.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * Runs a single-node Kafka in KRaft combined mode (broker and controller in one process) from the
 * Apache Kafka jars, keeping its data across restarts: the storage is formatted on the first start
 * only, then {@code kafka.Kafka} — Kafka's own entry point, with its signal handling and clean
 * shutdown — takes over.
 *
 * <p>Configured by system properties, which the {@code iam-local} script sets:
 * {@code iam.kafka.dir} (data and the generated {@code server.properties}), {@code iam.kafka.host},
 * {@code iam.kafka.port} (clients) and {@code iam.kafka.controller-port}.
 */
public final class LocalKafka {

    private LocalKafka() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(LocalPostgres.required("iam.kafka.dir")).toAbsolutePath();
        String host = System.getProperty("iam.kafka.host", "127.0.0.1");
        int port = Integer.parseInt(LocalPostgres.required("iam.kafka.port"));
        int controllerPort = Integer.parseInt(LocalPostgres.required("iam.kafka.controller-port"));

        Path logs = home.resolve("data");
        Path config = home.resolve("server.properties");
        // written on every start so that changed ports take effect; the data does not depend on them
        Properties properties = serverProperties(host, port, controllerPort, logs);
        try (OutputStream out = Files.newOutputStream(config)) {
            properties.store(out, "written by iam-local on every start; edit deploy/local instead");
        }
        if (!Files.exists(logs.resolve("meta.properties"))) {
            format(home, config);
        }
        kafka.Kafka.main(new String[] {config.toString()});
    }

    static Properties serverProperties(String host, int port, int controllerPort, Path logs) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        // a static one-node quorum: nothing about it is written at format time, so ports may change later
        p.setProperty("controller.quorum.voters", "1@" + host + ":" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logs.toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("auto.create.topics.enable", "true");
        // one broker: every internal topic has to make do with one replica
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // a laptop's disk: keep a week or 1 GiB per partition, whichever comes first
        p.setProperty("log.retention.hours", "168");
        p.setProperty("log.retention.bytes", Long.toString(1L << 30));
        return p;
    }

    private static void format(Path home, Path config) throws IOException {
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exit = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", config.toString()}, print);
        }
        System.out.print(output.toString(StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("formatting Kafka storage in " + home + " failed (exit " + exit + ")");
        }
        Files.writeString(home.resolve("cluster-id"), clusterId + System.lineSeparator(), StandardCharsets.UTF_8);
    }
}
