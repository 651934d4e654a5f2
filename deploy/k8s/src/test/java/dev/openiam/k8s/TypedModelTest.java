package dev.openiam.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rendered object that is not an operator's custom resource (those are checked against their CRDs, see
 * {@link CrdSchemaTest}) reads into fabric8's typed Kubernetes model, and no field of it is unknown to the model:
 * a misspelt or misplaced field (which the API server would drop or reject) fails here.
 */
class TypedModelTest {

    /** The API groups whose objects are custom resources with a committed CRD. */
    static final Set<String> CRD_GROUPS = Set.of("kafka.strimzi.io", "postgresql.cnpg.io", "barmancloud.cnpg.io");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @TestFactory
    Stream<DynamicTest> everyObjectIsTypedWithNoUnknownField() {
        return Manifests.everything().filter(entry -> !CRD_GROUPS.contains(group(entry.getValue())))
                .map(entry -> DynamicTest.dynamicTest(entry.getKey() + ": " + Manifests.id(entry.getValue()),
                        () -> checkTyped(entry.getValue())));
    }

    private static void checkTyped(ObjectNode object) throws ReflectiveOperationException {
        KubernetesResource typed = SERIALIZATION.unmarshal(object.toString(), KubernetesResource.class);
        assertThat(typed).as("a typed model for " + object.path("apiVersion").asText())
                .isNotInstanceOf(GenericKubernetesResource.class);
        List<String> unknown = new ArrayList<>();
        collectUnknown(typed, Manifests.id(object), unknown);
        assertThat(unknown).as("fields the Kubernetes model does not know").isEmpty();
    }

    static String group(ObjectNode object) {
        String apiVersion = object.path("apiVersion").asText();
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }

    /** Walks the model's getters; fabric8 keeps whatever it could not map in {@code additionalProperties}. */
    private static void collectUnknown(Object value, String path, List<String> unknown) throws ReflectiveOperationException {
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknown(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                collectUnknown(entry.getValue(), path + "." + entry.getKey(), unknown);
            }
            return;
        }
        if (value == null || !value.getClass().getName().startsWith("io.fabric8.") || value instanceof Enum<?>
                || value instanceof Quantity || value instanceof IntOrString) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object field;
            try {
                field = getter.invoke(value);
            } catch (InvocationTargetException e) {
                continue; // a derived getter that does not apply to this object
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else {
                collectUnknown(field, path + "." + getter.getName().substring(3), unknown);
            }
        }
    }
}
