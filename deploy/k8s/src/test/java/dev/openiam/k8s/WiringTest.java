package dev.openiam.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pieces find each other: each service's Kafka user may write only its own topics and read only what it
 * consumes (every front door writes the audit topic, only audit-service reads it); the services that keep state
 * reach the database and Kafka by the names the operators give them, and the console is given neither; only the
 * front doors hold the session-encryption key; the services reach their peers by rendered Services; each public API
 * at / has its own host, with TLS; every reference (Ingress, ServiceMonitor, PDB, HPA, ServiceAccount) names
 * something rendered; ha is highly available.
 */
class WiringTest {

    /**
     * What each service's Kafka user may do: its own topics to write, the topics it follows to read, the consumer
     * groups it reads with ("name*": a prefix); none: no user.
     */
    private static final Map<String, Set<String>> KAFKA_RIGHTS = Map.of(
            "identity-service", Set.of("Write iam.identity.v1", "Write iam.audit.v1"),
            "policy-service", Set.of("Write iam.policy.v1", "Read iam.policy.v1", "Read iam.identity.v1", "Write iam.audit.v1",
                    "Read group follow-iam.*"),
            "sts-service", Set.of("Write iam.sts.v1", "Write iam.audit.v1"),
            "audit-service", Set.of("Read iam.audit.v1", "Read group audit-service"));
    /** The URLs of peers that are not named IAM_<PEER>_SERVICE_URL, and the Service each names. */
    private static final Map<String, String> OTHER_PEER_URLS = Map.of("IAM_CONSOLE_IAM_ENDPOINT", "identity-service");

    @TestFactory
    Stream<DynamicTest> eachServiceWritesOnlyItsOwnTopicAndReadsOnlyWhatItConsumes() {
        return Manifests.overlays().stream().flatMap(overlay -> Workloads.SERVICES.stream().map(service ->
                DynamicTest.dynamicTest(overlay + ": " + service, () -> {
                    if (!KAFKA_RIGHTS.containsKey(service)) {
                        assertThat(Manifests.ofKind(overlay, "KafkaUser").stream().map(Manifests::name)).doesNotContain(service);
                        assertThat(podSpec(overlay, service).path("volumes").findValuesAsText("name")).doesNotContain("kafka-user");
                        return;
                    }
                    ObjectNode user = one(overlay, "KafkaUser", service);
                    Set<String> rights = new TreeSet<>();
                    for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                        assertThat(acl.path("type").asText("allow")).isEqualTo("allow");
                        JsonNode resource = acl.path("resource");
                        if (resource.path("type").asText().equals("topic")) {
                            assertThat(resource.path("patternType").asText("literal")).as("topic ACLs name one topic")
                                    .isEqualTo("literal");
                            for (JsonNode operation : acl.path("operations")) {
                                if (Set.of("Write", "Read", "All").contains(operation.asText())) {
                                    rights.add(operation.asText() + " " + resource.path("name").asText());
                                }
                            }
                        } else {
                            assertThat(resource.path("type").asText()).as("only topics and consumer groups").isEqualTo("group");
                            String prefix = resource.path("patternType").asText("literal").equals("prefix") ? "*" : "";
                            acl.path("operations").forEach(operation -> rights.add(operation.asText() + " group "
                                    + resource.path("name").asText() + prefix));
                        }
                    }
                    assertThat(rights).isEqualTo(KAFKA_RIGHTS.get(service));
                    JsonNode group = env(overlay, service).get("IAM_AUDIT_CONSUMER_GROUP");
                    if (group != null) {
                        assertThat(rights).as("reads with the group it may").contains("Read group " + group.path("value").asText());
                    }
                    assertThat(volumeSecret(overlay, service, "kafka-user")).as("mounts its own Kafka user's Secret")
                            .isEqualTo(service);
                })));
    }

    @TestFactory
    Stream<DynamicTest> servicesReachTheDatabaseAndKafkaByTheirOperatorsNames() {
        return Manifests.overlays().stream().flatMap(overlay -> Workloads.SERVICES.stream().map(service ->
                DynamicTest.dynamicTest(overlay + ": " + service, () -> {
                    String cluster = Manifests.name(Manifests.ofKind(overlay, "Cluster").get(0));
                    ObjectNode kafka = Manifests.ofKind(overlay, "Kafka").get(0);
                    JsonNode listener = kafka.path("spec").path("kafka").path("listeners").get(0);
                    Map<String, JsonNode> env = env(overlay, service);
                    Map<String, String> pod = Workloads.labels(one(overlay, "Deployment", service).at("/spec/template/metadata/labels"));
                    if (!Workloads.STATEFUL.contains(service)) {
                        assertThat(listener.path("networkPolicyPeers")).as(service + " may not reach the Kafka listener")
                                .noneMatch(peer -> Workloads.selects(peer.path("podSelector"), pod));
                        assertThat(env.keySet()).as(service + " keeps no state").noneMatch(n -> n.startsWith("DB_") || n.contains("KAFKA"));
                        assertThat(podSpec(overlay, service).toString()).as(service + " is given no database or Kafka credentials")
                                .doesNotContain(cluster + "-app").doesNotContain(Manifests.name(kafka) + "-cluster-ca-cert");
                        return;
                    }
                    assertThat(env.get("DB_URL").path("value").asText()).startsWith("postgresql://" + cluster + "-rw:5432/");
                    assertThat(env.get("DB_PASSWORD").at("/valueFrom/secretKeyRef/name").asText()).isEqualTo(cluster + "-app");
                    assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS").path("value").asText())
                            .isEqualTo(Manifests.name(kafka) + "-kafka-bootstrap:" + listener.path("port").asText());
                    assertThat(listener.path("tls").asBoolean()).isTrue();
                    assertThat(listener.path("networkPolicyPeers")).as(service + " may reach the Kafka listener")
                            .anyMatch(peer -> Workloads.selects(peer.path("podSelector"), pod));
                    assertThat(volumeSecret(overlay, service, "kafka-ca")).isEqualTo(Manifests.name(kafka) + "-cluster-ca-cert");
                })));
    }

    @TestFactory
    Stream<DynamicTest> onlyTheFrontDoorsHoldTheSessionEncryptionKey() {
        return Manifests.overlays().stream().map(overlay -> DynamicTest.dynamicTest(overlay, () -> {
            Set<String> holders = new TreeSet<>();
            for (ObjectNode object : Manifests.render(overlay)) {
                Workloads.podTemplate(object).ifPresent(template -> {
                    if (template.path("spec").path("volumes").findValuesAsText("secretName").contains("iam-session-key")) {
                        holders.add(Manifests.name(object));
                    }
                });
            }
            assertThat(holders).isEqualTo(Workloads.SESSION_KEY_HOLDERS);
            for (String service : Workloads.SESSION_KEY_HOLDERS) {
                assertThat(env(overlay, service).get("IAM_SESSION_KEY_FILE").path("value").asText())
                        .as(service + " reads the session key from its Secret").isEqualTo(mountPath(overlay, service, "iam-session-key") + "/session.pem");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> servicesReachTheirPeersByRenderedServices() {
        return Manifests.overlays().stream().flatMap(overlay -> Workloads.SERVICES.stream().map(service ->
                DynamicTest.dynamicTest(overlay + ": " + service, () -> {
                    env(overlay, service).forEach((name, e) -> {
                        if (name.matches("IAM_[A-Z]+_SERVICE_URL") || OTHER_PEER_URLS.containsKey(name)) {
                            String peer = OTHER_PEER_URLS.getOrDefault(name,
                                    name.substring(4, name.length() - "_URL".length()).toLowerCase().replace('_', '-'));
                            String httpPort = iterable(one(overlay, "Service", peer).path("spec").path("ports")).stream()
                                    .filter(p -> p.path("name").asText().equals("http")).findFirst().orElseThrow().path("port").asText();
                            assertThat(e.path("value").asText()).as(service + " " + name).isEqualTo("http://" + peer + ":" + httpPort);
                        }
                    });
                })));
    }

    @TestFactory
    Stream<DynamicTest> eachApiAtTheRootHasItsOwnHostWithTls() {
        // the IAM and the STS Query API, CloudTrail (JSON 1.1 at /) and the console's dashboard
        Set<String> rootApis = Set.of("identity-service", "sts-service", "audit-service", "console");
        return Manifests.overlays().stream().map(overlay -> DynamicTest.dynamicTest(overlay, () -> {
            Map<String, String> rootOf = new HashMap<>();
            for (ObjectNode ingress : Manifests.ofKind(overlay, "Ingress")) {
                JsonNode annotations = ingress.path("metadata").path("annotations");
                // the console marks its cookie Secure from the forwarded scheme: it must never be served in plain HTTP
                assertThat(annotations.path("nginx.ingress.kubernetes.io/ssl-redirect").asText())
                        .as(Manifests.id(ingress) + " redirects plain HTTP to TLS").isEqualTo("true");
                if (ingress.findValues("backend").stream().anyMatch(b -> b.at("/service/name").asText().equals("console"))) {
                    // a replica knows only the sessions it signed in: a browser stays with one
                    assertThat(annotations.path("nginx.ingress.kubernetes.io/affinity").asText())
                            .as(Manifests.id(ingress) + " pins a browser to one console replica").isEqualTo("cookie");
                    assertThat(annotations.path("nginx.ingress.kubernetes.io/session-cookie-secure").asText()).isEqualTo("true");
                }
                Set<String> tls = new TreeSet<>();
                ingress.path("spec").path("tls").forEach(t -> t.path("hosts").forEach(h -> tls.add(h.asText())));
                for (JsonNode rule : ingress.path("spec").path("rules")) {
                    assertThat(tls).as("TLS for " + rule.path("host").asText()).contains(rule.path("host").asText());
                    for (JsonNode path : rule.at("/http/paths")) {
                        assertThat(path.path("path").asText()).as("only public routes").doesNotStartWith("/internal").doesNotStartWith("/q");
                        if (path.path("path").asText().equals("/")) {
                            assertThat(rootOf.put(rule.path("host").asText(), path.at("/backend/service/name").asText()))
                                    .as("one Query API on " + rule.path("host").asText()).isNull();
                        }
                    }
                }
            }
            assertThat(rootOf.values()).as("the APIs at / of their hosts").containsExactlyInAnyOrderElementsOf(rootApis);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyReferenceNamesARenderedObject() {
        return Manifests.overlays().stream().map(overlay -> DynamicTest.dynamicTest(overlay, () -> {
            for (ObjectNode ingress : Manifests.ofKind(overlay, "Ingress")) {
                for (JsonNode backend : ingress.findValues("backend")) {
                    ObjectNode service = one(overlay, "Service", backend.at("/service/name").asText());
                    assertThat(service.path("spec").path("ports").findValuesAsText("name"))
                            .contains(backend.at("/service/port/name").asText());
                }
            }
            for (ObjectNode monitor : Manifests.ofKind(overlay, "ServiceMonitor")) {
                List<ObjectNode> scraped = Manifests.ofKind(overlay, "Service").stream().filter(s -> Workloads.selects(
                        monitor.path("spec").path("selector"), Workloads.labels(s.path("metadata").path("labels")))).toList();
                assertThat(scraped.stream().map(Manifests::name)).containsExactlyInAnyOrderElementsOf(Workloads.SERVICES);
                scraped.forEach(s -> assertThat(s.path("spec").path("ports").findValuesAsText("name"))
                        .containsAll(monitor.path("spec").path("endpoints").findValuesAsText("port")));
            }
            for (ObjectNode service : Manifests.ofKind(overlay, "Service")) {
                ObjectNode deployment = one(overlay, "Deployment", Manifests.name(service));
                JsonNode template = deployment.path("spec").path("template");
                assertThat(Workloads.labels(template.path("metadata").path("labels")))
                        .containsAllEntriesOf(Workloads.labels(service.path("spec").path("selector")));
                assertThat(template.path("spec").path("containers").get(0).path("ports").findValuesAsText("name"))
                        .containsAll(service.path("spec").path("ports").findValuesAsText("targetPort"));
                one(overlay, "ServiceAccount", template.path("spec").path("serviceAccountName").asText());
            }
            Manifests.ofKind(overlay, "HorizontalPodAutoscaler").forEach(h ->
                    one(overlay, "Deployment", h.at("/spec/scaleTargetRef/name").asText()));
        }));
    }

    /**
     * Each service runs as its footprint was measured (bench/RESULTS.md, "Footprint"): a heap of half the memory limit,
     * at least the 256m measured, with glibc's arenas capped; it requests no more memory than its limit.
     */
    @TestFactory
    Stream<DynamicTest> eachServiceRunsWithTheHeapAndMemoryItsFootprintWasMeasuredAt() {
        return Manifests.overlays().stream().flatMap(overlay -> Workloads.SERVICES.stream().map(service ->
                DynamicTest.dynamicTest(overlay + ": " + service, () -> {
                    Map<String, JsonNode> env = env(overlay, service);
                    assertThat(env.get("JAVA_TOOL_OPTIONS").path("value").asText()).contains("-XX:MaxRAMPercentage=50");
                    assertThat(env.get("MALLOC_ARENA_MAX").path("value").asText()).isEqualTo("2");
                    JsonNode resources = podSpec(overlay, service).at("/containers/0/resources");
                    BigDecimal limit = Quantity.getAmountInBytes(new Quantity(resources.at("/limits/memory").asText()));
                    BigDecimal request = Quantity.getAmountInBytes(new Quantity(resources.at("/requests/memory").asText()));
                    assertThat(limit.divide(BigDecimal.valueOf(2))).as("the heap: half the limit")
                            .isGreaterThanOrEqualTo(BigDecimal.valueOf(256L << 20));
                    assertThat(request).as("memory request").isLessThanOrEqualTo(limit).isGreaterThanOrEqualTo(BigDecimal.valueOf(256L << 20));
                })));
    }

    @Test
    void haIsHighlyAvailable() {
        String ha = "ha";
        for (ObjectNode deployment : Manifests.ofKind(ha, "Deployment")) {
            String name = Manifests.name(deployment);
            Map<String, String> pod = Workloads.labels(deployment.at("/spec/template/metadata/labels"));
            assertThat(deployment.at("/spec/replicas").asInt()).as(name).isGreaterThanOrEqualTo(2);
            assertThat(deployment.at("/spec/template/spec/topologySpreadConstraints").size()).as(name).isPositive();
            assertThat(Manifests.ofKind(ha, "PodDisruptionBudget")).as(name + " PDB")
                    .anyMatch(p -> Workloads.selects(p.at("/spec/selector"), pod) && p.at("/spec/minAvailable").asInt() >= 1);
            assertThat(one(ha, "HorizontalPodAutoscaler", name).at("/spec/minReplicas").asInt()).isGreaterThanOrEqualTo(2);
        }
        assertThat(Manifests.ofKind(ha, "KafkaNodePool").get(0).at("/spec/replicas").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(Manifests.ofKind(ha, "Kafka").get(0).at("/spec/kafka/config/min.insync.replicas").asInt()).isEqualTo(2);
        for (ObjectNode topic : Manifests.ofKind(ha, "KafkaTopic")) {
            assertThat(topic.at("/spec/replicas").asInt()).as(Manifests.name(topic)).isEqualTo(3);
            assertThat(topic.at("/spec/config/min.insync.replicas").asInt()).as(Manifests.name(topic)).isEqualTo(2);
        }
        ObjectNode cluster = Manifests.ofKind(ha, "Cluster").get(0);
        assertThat(cluster.at("/spec/instances").asInt()).isEqualTo(3);
        assertThat(cluster.at("/spec/plugins/0/isWALArchiver").asBoolean()).isTrue();
        ObjectNode backup = Manifests.ofKind(ha, "ScheduledBackup").get(0);
        assertThat(backup.at("/spec/cluster/name").asText()).isEqualTo(Manifests.name(cluster));
        one(ha, "ObjectStore", cluster.at("/spec/plugins/0/parameters/barmanObjectName").asText());
    }

    private static ObjectNode one(String overlay, String kind, String name) {
        return Manifests.ofKind(overlay, kind).stream().filter(o -> Manifests.name(o).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + " renders no " + kind + " " + name));
    }

    private static JsonNode podSpec(String overlay, String service) {
        return one(overlay, "Deployment", service).at("/spec/template/spec");
    }

    private static Map<String, JsonNode> env(String overlay, String service) {
        Map<String, JsonNode> env = new HashMap<>();
        podSpec(overlay, service).at("/containers/0/env").forEach(e -> env.put(e.path("name").asText(), e));
        return env;
    }

    private static String mountPath(String overlay, String service, String secret) {
        for (JsonNode v : podSpec(overlay, service).path("volumes")) {
            if (v.at("/secret/secretName").asText().equals(secret)) {
                for (JsonNode mount : podSpec(overlay, service).at("/containers/0/volumeMounts")) {
                    if (mount.path("name").equals(v.path("name"))) {
                        return mount.path("mountPath").asText();
                    }
                }
            }
        }
        throw new AssertionError(service + " mounts no Secret " + secret);
    }

    private static List<JsonNode> iterable(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static String volumeSecret(String overlay, String service, String volume) {
        for (JsonNode v : podSpec(overlay, service).path("volumes")) {
            if (v.path("name").asText().equals(volume)) {
                return v.at("/secret/secretName").asText();
            }
        }
        throw new AssertionError(service + " has no volume " + volume);
    }
}
