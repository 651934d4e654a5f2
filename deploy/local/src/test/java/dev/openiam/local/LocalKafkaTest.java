package dev.openiam.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LocalKafkaTest {

    @Test
    void aSingleCombinedNodeOnLoopbackWithOneReplicaEverywhere() {
        Properties p = LocalKafka.serverProperties("127.0.0.1", 19092, 19093, Path.of("/data/kafka"));

        assertThat(p.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(p.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:19093");
        assertThat(p.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
        assertThat(p.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092");
        assertThat(p.getProperty("log.dirs")).isEqualTo(Path.of("/data/kafka").toString());
        p.stringPropertyNames().stream()
                .filter(k -> k.endsWith("replication.factor") || k.endsWith(".isr") || k.equals("min.insync.replicas"))
                .forEach(k -> assertThat(p.getProperty(k)).as(k).isEqualTo("1"));
        assertThat(p.stringPropertyNames()).contains("offsets.topic.replication.factor",
                "transaction.state.log.replication.factor", "share.coordinator.state.topic.replication.factor");
    }
}
