package dev.openiam.outbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaClientsTest {

    @Test
    void withoutAFileOnlyTheBootstrapServersAndTheClientsOwnSettings() {
        assertThat(KafkaClients.config("kafka:9092", Map.of("acks", "all"), Optional.empty()))
                .containsExactlyInAnyOrderEntriesOf(Map.of("bootstrap.servers", "kafka:9092", "acks", "all"));
    }

    @Test
    void theFileAddsSecuritySettingsButCannotOverrideTheClients(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, """
                security.protocol=SASL_SSL
                sasl.jaas.config=${dir:/etc/kafka-user:sasl.jaas.config}
                acks=0
                bootstrap.servers=elsewhere:1
                """);
        Map<String, Object> config = KafkaClients.config("kafka:9093", Map.of("acks", "all"), Optional.of(file));
        assertThat(config).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", "${dir:/etc/kafka-user:sasl.jaas.config}")
                .containsEntry("acks", "all").containsEntry("bootstrap.servers", "kafka:9093");
    }

    @Test
    void aMissingFileFailsLoudly(@TempDir Path dir) {
        assertThatThrownBy(() -> KafkaClients.config("kafka:9092", Map.of(), Optional.of(dir.resolve("absent"))))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("absent");
    }
}
