package dev.openiam.policyservice.advisor.domain;

import dev.openiam.policyservice.decision.PolicySources;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a report covers: the user, group, role or managed policy its ARN names, the identity-based policy documents
 * whose services it lists, and the entities whose activity counts (the user or role itself; a group's members; the
 * users, roles and groups a policy is attached to).
 */
public record ReportSubject(String arn, List<PolicySources.Source> documents, List<Entity> entities) {

    /**
     * An entity of the report: {@code type} {@code USER}, {@code ROLE} or {@code GROUP}; {@code principalArns} the
     * users and roles whose calls are its activity (itself, or a group's members).
     */
    public record Entity(String type, String id, String name, String path, String arn, List<String> principalArns) {
    }

    public ReportSubject {
        documents = List.copyOf(documents);
        entities = List.copyOf(entities);
    }

    /** Every user and role whose calls count, once. */
    public List<String> principalArns() {
        Set<String> arns = new LinkedHashSet<>();
        entities.forEach(e -> arns.addAll(e.principalArns()));
        return List.copyOf(arns);
    }
}
