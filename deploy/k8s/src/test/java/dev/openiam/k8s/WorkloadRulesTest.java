package dev.openiam.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Rules every overlay's workloads, namespaces and secrets follow. */
class WorkloadRulesTest {

    @TestFactory
    Stream<DynamicTest> everyContainerHasProbesLimitsAndARestrictedSecurityContext() {
        return Manifests.overlays().stream().flatMap(overlay -> {
            List<DynamicTest> tests = new ArrayList<>();
            for (ObjectNode object : Manifests.render(overlay)) {
                Workloads.podTemplate(object).ifPresent(template -> tests.add(DynamicTest.dynamicTest(
                        overlay + ": " + Manifests.id(object), () -> checkPod(template.path("spec")))));
            }
            assertThat(tests).as(overlay + " workloads").hasSizeGreaterThanOrEqualTo(Workloads.SERVICES.size());
            return tests.stream();
        });
    }

    private static void checkPod(JsonNode pod) {
        JsonNode podSecurity = pod.path("securityContext");
        assertThat(pod.path("containers").size()).isPositive();
        for (JsonNode container : pod.path("containers")) {
            String name = container.path("name").asText();
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(container.has(probe)).as(name + " has a " + probe).isTrue();
            }
            for (String resource : List.of("limits/memory", "limits/cpu", "requests/memory", "requests/cpu")) {
                assertThat(container.path("resources").at("/" + resource).isMissingNode()).as(name + " " + resource).isFalse();
            }
            JsonNode security = container.path("securityContext");
            assertThat(security.path("runAsNonRoot").asBoolean() || podSecurity.path("runAsNonRoot").asBoolean())
                    .as(name + " runs as non-root").isTrue();
            assertThat(security.path("runAsUser").asInt(1)).as(name + " user").isNotZero();
            assertThat(podSecurity.path("runAsUser").asInt(1)).as("pod user").isNotZero();
            assertThat(security.path("allowPrivilegeEscalation").isBoolean() && !security.path("allowPrivilegeEscalation").asBoolean())
                    .as(name + " allowPrivilegeEscalation: false").isTrue();
            assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as(name + " readOnlyRootFilesystem").isTrue();
            assertThat(security.path("capabilities").path("drop").toString()).as(name + " drops ALL").contains("\"ALL\"");
            assertThat(security.path("capabilities").path("add").isMissingNode()).as(name + " adds no capability").isTrue();
            String seccomp = security.path("seccompProfile").path("type").asText(podSecurity.path("seccompProfile").path("type").asText());
            assertThat(seccomp).as(name + " seccomp").isEqualTo("RuntimeDefault");
            assertThat(tmpIsAnEmptyDir(pod, container)).as(name + " has a writable /tmp (emptyDir)").isTrue();
        }
    }

    private static boolean tmpIsAnEmptyDir(JsonNode pod, JsonNode container) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals("/tmp")) {
                for (JsonNode volume : pod.path("volumes")) {
                    if (volume.path("name").equals(mount.path("name"))) {
                        return volume.has("emptyDir");
                    }
                }
            }
        }
        return false;
    }

    @TestFactory
    Stream<DynamicTest> everyNamespaceIsRestrictedAndDeniesAllTrafficByDefault() {
        return Manifests.overlays().stream().map(overlay -> DynamicTest.dynamicTest(overlay, () -> {
            List<ObjectNode> objects = Manifests.render(overlay);
            Set<String> namespaces = new TreeSet<>();
            objects.stream().filter(o -> !o.path("kind").asText().equals("Namespace"))
                    .forEach(o -> namespaces.add(o.path("metadata").path("namespace").asText("default")));
            assertThat(namespaces).doesNotContain("default");
            for (String namespace : namespaces) {
                ObjectNode declared = objects.stream().filter(o -> o.path("kind").asText().equals("Namespace")
                        && Manifests.name(o).equals(namespace)).findFirst().orElseThrow(() ->
                        new AssertionError("namespace " + namespace + " is not declared"));
                assertThat(declared.path("metadata").path("labels").path("pod-security.kubernetes.io/enforce").asText())
                        .as(namespace + " Pod Security Admission").isEqualTo("restricted");
                assertThat(objects.stream().filter(o -> o.path("kind").asText().equals("NetworkPolicy")
                        && o.path("metadata").path("namespace").asText().equals(namespace))
                        .anyMatch(WorkloadRulesTest::deniesEverything)).as(namespace + " has a default-deny policy").isTrue();
            }
        }));
    }

    private static boolean deniesEverything(ObjectNode policy) {
        JsonNode spec = policy.path("spec");
        return spec.path("podSelector").isEmpty() && spec.path("policyTypes").toString().contains("\"Ingress\"")
                && spec.path("policyTypes").toString().contains("\"Egress\"") && spec.path("ingress").isEmpty()
                && spec.path("egress").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> noSecretCarriesAValue() {
        return Manifests.overlays().stream().map(overlay -> DynamicTest.dynamicTest(overlay, () -> {
            for (ObjectNode object : Manifests.render(overlay)) {
                if (object.path("kind").asText().equals("Secret")) {
                    assertThat(object.path("data").isEmpty() && object.path("stringData").isEmpty())
                            .as(Manifests.id(object) + " carries a value").isTrue();
                }
                if (object.path("kind").asText().equals("ConfigMap")) {
                    assertThat(object.path("data").toString()).as(Manifests.id(object))
                            .doesNotContain("PRIVATE KEY").doesNotContainPattern("(?i)password\\s*=\\s*[^$\\s]");
                }
                Workloads.podTemplate(object).ifPresent(template -> {
                    for (JsonNode container : template.path("spec").path("containers")) {
                        for (JsonNode env : container.path("env")) {
                            String name = env.path("name").asText();
                            if (name.matches("(?i).*(password|secret|kek|token|credential).*") && !name.matches(".*_(FILE|DIR)")) {
                                assertThat(env.has("value")).as(Manifests.id(object) + " env " + name + " is a literal").isFalse();
                            }
                        }
                    }
                });
            }
        }));
    }
}
