package dev.openiam.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file a service is told to read is in a volume it mounts: the files its environment names (its key, the
 * KEK, the session-encryption key, the trusted keys, the Kafka client properties) and, for the services that use
 * Kafka, the files those Kafka client properties name in turn (the cluster CA, the SCRAM credentials read through
 * Kafka's DirectoryConfigProvider).
 */
class MountsTest {

    private static final Pattern DIRECTORY_PROVIDER = Pattern.compile("\\$\\{dir:([^:}]+):[^}]+}");

    @TestFactory
    Stream<DynamicTest> everyFileAServiceReadsIsMounted() {
        return Manifests.overlays().stream().flatMap(overlay -> Workloads.SERVICES.stream().map(service ->
                DynamicTest.dynamicTest(overlay + ": " + service, () -> {
                    JsonNode container = Manifests.ofKind(overlay, "Deployment").stream()
                            .filter(d -> Manifests.name(d).equals(service)).findFirst().orElseThrow()
                            .at("/spec/template/spec/containers/0");
                    List<String> mounts = container.path("volumeMounts").findValuesAsText("mountPath");
                    List<String> files = new ArrayList<>();
                    List<String> named = new ArrayList<>();
                    for (JsonNode env : container.path("env")) {
                        String name = env.path("name").asText();
                        if (name.endsWith("_FILE") || name.endsWith("_DIR") || name.equals("IAM_KAFKA_CLIENT_PROPERTIES")) {
                            files.add(env.path("value").asText());
                            named.add(name);
                        }
                    }
                    assertThat(named).as("every service reads its own key and its peers' keys")
                            .contains("IAM_SERVICE_KEY_FILE", "IAM_TRUSTED_KEYS_DIR");
                    if (!container.path("env").findValuesAsText("name").contains("IAM_KAFKA_CLIENT_PROPERTIES")) {
                        assertThat(Workloads.STATEFUL).as(service + " uses Kafka").doesNotContain(service);
                    } else {
                        files.addAll(filesNamedByKafkaClientProperties(overlay));
                    }
                    for (String file : files) {
                        assertThat(mounts).as(file + " is in a mounted volume")
                                .anyMatch(mount -> file.equals(mount) || file.startsWith(mount + "/"));
                    }
                })));
    }

    private static List<String> filesNamedByKafkaClientProperties(String overlay) {
        ObjectNode configMap = Manifests.ofKind(overlay, "ConfigMap").stream()
                .filter(c -> Manifests.name(c).startsWith("kafka-client")).findFirst().orElseThrow();
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(configMap.at("/data/client.properties").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> files = new ArrayList<>();
        files.add(properties.getProperty("ssl.truststore.location"));
        Matcher provided = DIRECTORY_PROVIDER.matcher(properties.getProperty("sasl.jaas.config", ""));
        assertThat(provided.find()).as("the SCRAM credentials come from a mounted Secret").isTrue();
        files.add(provided.group(1));
        return files;
    }
}
