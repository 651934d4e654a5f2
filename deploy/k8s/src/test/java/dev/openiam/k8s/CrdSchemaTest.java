package dev.openiam.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strimzi's and CloudNativePG's resources validate against the openAPIV3Schema of the CRD versions committed in
 * deploy/k8s/crds (see its README). The schemas are made strict first: where the API server would silently prune a
 * field no schema declares, this test fails instead.
 */
class CrdSchemaTest {

    private static final Map<String, JsonSchema> SCHEMAS = load();

    @TestFactory
    Stream<DynamicTest> everyCustomResourceMatchesItsCrd() {
        return Manifests.everything().filter(entry -> TypedModelTest.CRD_GROUPS.contains(TypedModelTest.group(entry.getValue())))
                .map(entry -> DynamicTest.dynamicTest(entry.getKey() + ": " + Manifests.id(entry.getValue()),
                        () -> checkAgainstCrd(entry.getValue())));
    }

    private static void checkAgainstCrd(ObjectNode object) {
        JsonSchema schema = SCHEMAS.get(key(object.path("apiVersion").asText(), object.path("kind").asText()));
        assertThat(schema).as("a committed CRD serving " + object.path("apiVersion").asText() + " "
                + object.path("kind").asText()).isNotNull();
        Set<ValidationMessage> errors = schema.validate(object);
        assertThat(errors).as(Manifests.id(object)).isEmpty();
    }

    @Test
    void theStrictSchemasRejectWhatKubernetesWouldPrune() {
        JsonSchema topic = SCHEMAS.get(key("kafka.strimzi.io/v1", "KafkaTopic"));
        ObjectNode misspelt = new YAMLMapper().createObjectNode();
        misspelt.put("apiVersion", "kafka.strimzi.io/v1").put("kind", "KafkaTopic");
        misspelt.putObject("metadata").put("name", "t");
        misspelt.putObject("spec").put("partitions", 3).put("replica", 3);
        assertThat(topic.validate(misspelt)).as("an unknown field").isNotEmpty();
        ((ObjectNode) misspelt.get("spec")).remove("replica");
        ((ObjectNode) misspelt.get("spec")).put("partitions", "three");
        assertThat(topic.validate(misspelt)).as("a wrong type").isNotEmpty();
        ((ObjectNode) misspelt.get("spec")).put("partitions", 3);
        assertThat(topic.validate(misspelt)).isEmpty();
    }

    private static String key(String apiVersion, String kind) {
        return apiVersion + " " + kind;
    }

    private static Map<String, JsonSchema> load() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        YAMLMapper yaml = new YAMLMapper();
        Map<String, JsonSchema> schemas = new HashMap<>();
        try (Stream<Path> files = Files.walk(Manifests.DIR.resolve("crds"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                JsonNode crd = yaml.readTree(file.toFile());
                String group = crd.path("spec").path("group").asText();
                String kind = crd.path("spec").path("names").path("kind").asText();
                for (JsonNode version : crd.path("spec").path("versions")) {
                    if (version.path("served").asBoolean()) {
                        JsonNode schema = strict(version.path("schema").path("openAPIV3Schema").deepCopy());
                        schemas.put(key(group + "/" + version.path("name").asText(), kind), factory.getSchema(schema));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(schemas).as("CRDs under deploy/k8s/crds").isNotEmpty();
        return schemas;
    }

    /**
     * Closes every object schema that lists its properties (the API server prunes undeclared fields), except where
     * the CRD keeps unknown fields itself; {@code metadata} is left to Kubernetes' own model.
     */
    private static JsonNode strict(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties")
                    && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
                object.put("additionalProperties", false);
            }
            for (Iterator<JsonNode> children = object.elements(); children.hasNext(); ) {
                strict(children.next());
            }
        } else if (schema.isArray()) {
            schema.forEach(CrdSchemaTest::strict);
        }
        return schema;
    }
}
