package dev.openiam.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each service may talk to exactly what it needs, as the union of every NetworkPolicy that selects its pods
 * allows it: each allowed (peer, port) is spelt out below, so a new or widened rule fails here until it is added
 * on purpose. The calls that exist: identity-service → policy-service (forward, decide), policy-service →
 * identity-service (snapshot, authenticate) and → audit-service (last accesses, access advisor), sts-service → identity-service (authenticate, role lookup, sign-in,
 * verify MFA) and → policy-service (decide), audit-service → identity-service (authenticate) and → policy-service
 * (decide), identity- and audit-service → sts-service (its session-signing keys, read again when a token names a
 * key not known), the console → sts-service (sign-in), → identity-service (the IAM API as the person signed in) and →
 * audit-service (event history: CloudTrail's LookupEvents, as the person signed in); every service but the console
 * reaches the database and Kafka; no service calls the console.
 */
class NetworkRulesTest {

    private static final String DNS_UDP = "ns{kubernetes.io/metadata.name=kube-system} pods{k8s-app=kube-dns} UDP/53";
    private static final String DNS_TCP = "ns{kubernetes.io/metadata.name=kube-system} pods{k8s-app=kube-dns} TCP/53";
    private static final String DATABASE = "pods{cnpg.io/cluster=iam-db} TCP/5432";
    private static final String KAFKA = "pods{strimzi.io/broker-role=true, strimzi.io/cluster=iam-kafka, strimzi.io/kind=Kafka} TCP/9093";
    private static final String INGRESS_CONTROLLER = "ns{kubernetes.io/metadata.name=ingress-nginx} TCP/8080";
    private static final String MONITORING = "ns{kubernetes.io/metadata.name=monitoring} TCP/9000";

    private static final String IDENTITY = "pods{app.kubernetes.io/name=identity-service} TCP/8080";
    private static final String POLICY = "pods{app.kubernetes.io/name=policy-service} TCP/8080";
    private static final String STS = "pods{app.kubernetes.io/name=sts-service} TCP/8080";
    private static final String AUDIT = "pods{app.kubernetes.io/name=audit-service} TCP/8080";
    private static final String CONSOLE = "pods{app.kubernetes.io/name=console} TCP/8080";

    private static final Map<String, Set<String>> EGRESS = Map.of(
            "identity-service", Set.of(DNS_UDP, DNS_TCP, DATABASE, KAFKA, POLICY, STS),
            "policy-service", Set.of(DNS_UDP, DNS_TCP, DATABASE, KAFKA, IDENTITY, AUDIT),
            "sts-service", Set.of(DNS_UDP, DNS_TCP, DATABASE, KAFKA, IDENTITY, POLICY),
            "audit-service", Set.of(DNS_UDP, DNS_TCP, DATABASE, KAFKA, IDENTITY, POLICY, STS),
            "console", Set.of(DNS_UDP, DNS_TCP, STS, IDENTITY, AUDIT));
    private static final Map<String, Set<String>> INGRESS = Map.of(
            "identity-service", Set.of(INGRESS_CONTROLLER, MONITORING, POLICY, STS, AUDIT, CONSOLE),
            "policy-service", Set.of(INGRESS_CONTROLLER, MONITORING, IDENTITY, STS, AUDIT),
            "sts-service", Set.of(INGRESS_CONTROLLER, MONITORING, CONSOLE, IDENTITY, AUDIT),
            "audit-service", Set.of(INGRESS_CONTROLLER, MONITORING, POLICY, CONSOLE),
            "console", Set.of(INGRESS_CONTROLLER, MONITORING));

    @TestFactory
    Stream<DynamicTest> eachServiceTalksToExactlyWhatItNeeds() {
        return Manifests.overlays().stream().flatMap(overlay -> Workloads.SERVICES.stream().map(service ->
                DynamicTest.dynamicTest(overlay + ": " + service, () -> {
                    Map<String, String> pod = podLabels(overlay, service);
                    assertThat(allowed(overlay, pod, "egress", "to")).as(service + " egress").isEqualTo(EGRESS.get(service));
                    assertThat(allowed(overlay, pod, "ingress", "from")).as(service + " ingress").isEqualTo(INGRESS.get(service));
                })));
    }

    private static Map<String, String> podLabels(String overlay, String service) {
        ObjectNode deployment = Manifests.ofKind(overlay, "Deployment").stream().filter(d -> Manifests.name(d).equals(service))
                .findFirst().orElseThrow(() -> new AssertionError("no Deployment " + service));
        return Workloads.labels(deployment.path("spec").path("template").path("metadata").path("labels"));
    }

    /** Every (peer, port) the policies selecting the pod allow in one direction; "anywhere"/"any port" when open. */
    private static Set<String> allowed(String overlay, Map<String, String> pod, String direction, String peers) {
        Set<String> allowed = new TreeSet<>();
        for (ObjectNode policy : Manifests.ofKind(overlay, "NetworkPolicy")) {
            JsonNode spec = policy.path("spec");
            if (!Workloads.selects(spec.path("podSelector"), pod)) {
                continue;
            }
            for (JsonNode rule : spec.path(direction)) {
                List<String> from = rule.path(peers).isEmpty() ? List.of("anywhere")
                        : iterable(rule.path(peers)).stream().map(NetworkRulesTest::peer).toList();
                List<String> ports = rule.path("ports").isEmpty() ? List.of("any port")
                        : iterable(rule.path("ports")).stream().map(p -> p.path("protocol").asText("TCP") + "/"
                        + p.path("port").asText()).toList();
                from.forEach(f -> ports.forEach(p -> allowed.add(f + " " + p)));
            }
        }
        return allowed;
    }

    private static String peer(JsonNode peer) {
        if (peer.has("ipBlock")) {
            return "ip{" + peer.path("ipBlock").path("cidr").asText() + "}";
        }
        String namespace = peer.has("namespaceSelector")
                ? "ns" + Workloads.labels(peer.path("namespaceSelector").path("matchLabels")) : "";
        String pods = peer.has("podSelector") ? "pods" + Workloads.labels(peer.path("podSelector").path("matchLabels")) : "";
        return (namespace + " " + pods).trim();
    }

    private static List<JsonNode> iterable(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }
}
