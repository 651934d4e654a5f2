package dev.openiam.outbox;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The settings every Kafka client of a service starts from (the outbox's producer and admin, the services'
 * consumers): the bootstrap servers plus, when {@code IAM_KAFKA_CLIENT_PROPERTIES} (or the system property
 * {@code iam.kafka.client-properties}) names a properties file, the settings in it — TLS and SASL for a secured
 * cluster, as a Kafka command-line tool's {@code --command-config} file holds them. deploy/k8s mounts one for
 * Strimzi, whose secret values it reads with Kafka's own config providers, so the file itself holds none. A client's
 * own settings win over the file's: a file cannot turn off idempotence or {@code acks=all}.
 */
public final class KafkaClients {

    /** The environment variable naming the client properties file. */
    public static final String FILE_VARIABLE = "IAM_KAFKA_CLIENT_PROPERTIES";
    /** The system property naming it (wins over the environment). */
    public static final String FILE_PROPERTY = "iam.kafka.client-properties";

    private KafkaClients() {
    }

    /** {@code own} on top of the file's settings and the bootstrap servers. */
    public static Map<String, Object> config(String bootstrapServers, Map<String, Object> own) {
        String location = System.getProperty(FILE_PROPERTY, System.getenv(FILE_VARIABLE));
        return config(bootstrapServers, own, Optional.ofNullable(location).filter(l -> !l.isBlank()).map(Path::of));
    }

    static Map<String, Object> config(String bootstrapServers, Map<String, Object> own, Optional<Path> file) {
        Map<String, Object> config = new HashMap<>();
        file.ifPresent(path -> load(path).forEach((key, value) -> config.put((String) key, value)));
        config.put("bootstrap.servers", bootstrapServers);
        config.putAll(own);
        return config;
    }

    private static Properties load(Path path) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Kafka client properties " + path, e);
        }
        return properties;
    }
}
