package dev.openiam.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Where rendered objects keep their pods, and label maps read from them. */
final class Workloads {

    static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob");
    /** The services of this deployment and what the manifests call them (the console is `console`, as its key). */
    static final Set<String> SERVICES = Set.of("identity-service", "policy-service", "sts-service", "audit-service", "console");
    /** The services that keep state: they use the database and Kafka (the console keeps none). */
    static final Set<String> STATEFUL = Set.of("identity-service", "policy-service", "sts-service", "audit-service");
    /**
     * The front doors that take temporary credentials, and policy-service, whose decision API encrypts the authorization
     * messages of its denials to it: only they hold the session-encryption key.
     */
    static final Set<String> SESSION_KEY_HOLDERS = Set.of("identity-service", "policy-service", "sts-service", "audit-service");

    private Workloads() {
    }

    /** The pod template of a workload (a CronJob's job's), if {@code object} is one. */
    static Optional<JsonNode> podTemplate(ObjectNode object) {
        String kind = object.path("kind").asText();
        if (!WORKLOAD_KINDS.contains(kind)) {
            return Optional.empty();
        }
        JsonNode spec = kind.equals("CronJob") ? object.path("spec").path("jobTemplate").path("spec") : object.path("spec");
        return Optional.of(spec.path("template"));
    }

    static Map<String, String> labels(JsonNode labels) {
        Map<String, String> map = new TreeMap<>();
        labels.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    /** Whether a {@code matchLabels} selector selects {@code labels} (rendered selectors use no expressions). */
    static boolean selects(JsonNode selector, Map<String, String> labels) {
        if (selector.has("matchExpressions")) {
            throw new AssertionError("the tests evaluate matchLabels only; extend them for " + selector);
        }
        return labels.entrySet().containsAll(labels(selector.path("matchLabels")).entrySet());
    }
}
