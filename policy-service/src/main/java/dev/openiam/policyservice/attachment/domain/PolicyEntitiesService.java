package dev.openiam.policyservice.attachment.domain;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.rules.Page;
import dev.openiam.model.rules.PageRequest;
import dev.openiam.model.rules.Rules;
import dev.openiam.policyservice.attachment.persistence.AttachmentRepository;
import dev.openiam.policyservice.boundary.persistence.BoundaryRepository;
import dev.openiam.policyservice.common.Principals;
import dev.openiam.policyservice.common.Principals.Kind;
import dev.openiam.policyservice.policy.domain.PolicyLookup;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ListEntitiesForPolicy: the users, groups and roles a managed policy is attached to (PermissionsPolicy)
 * and/or that use it as their permissions boundary (PermissionsBoundary); both when no usage filter is
 * given. Names and paths are looked up in the principal directory, so a renamed principal shows its
 * current name.
 */
@ApplicationScoped
public class PolicyEntitiesService {

    private static final List<String> ENTITY_FILTERS = List.of("User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy");

    private final AttachmentRepository attachments;
    private final BoundaryRepository boundaries;
    private final PolicyLookup lookup;
    private final Principals principals;

    public PolicyEntitiesService(AttachmentRepository attachments, BoundaryRepository boundaries, PolicyLookup lookup,
                                 Principals principals) {
        this.attachments = attachments;
        this.boundaries = boundaries;
        this.lookup = lookup;
        this.principals = principals;
    }

    public Uni<PolicyEntities> list(String accountId, String policyArn, String entityFilter, String pathPrefix,
                                    String usageFilter, String marker, Integer maxItems) {
        PolicyLookup.checkArn("policyArn", policyArn);
        if (entityFilter != null && !ENTITY_FILTERS.contains(entityFilter)) {
            throw enumeration("entityFilter", entityFilter, ENTITY_FILTERS);
        }
        if (usageFilter != null && !List.of("PermissionsPolicy", "PermissionsBoundary").contains(usageFilter)) {
            throw enumeration("policyUsageFilter", usageFilter, List.of("PermissionsPolicy", "PermissionsBoundary"));
        }
        String prefix = Rules.pathPrefix("pathPrefix", pathPrefix);
        PageRequest page = PageRequest.of(marker, maxItems);
        // LocalManagedPolicy / AWSManagedPolicy filter policies, not principals: they leave every principal in
        String type = entityFilter == null || entityFilter.endsWith("ManagedPolicy") ? null : entityFilter.toLowerCase(Locale.ROOT);
        // rows in a session; the directory lookups after it, since the directory may call identity-service
        return Panache.withSession(() -> lookup.require(accountId, policyArn).chain(policy -> {
            Map<String, PolicyEntities.Entity> byId = new LinkedHashMap<>();
            Uni<Void> attached = "PermissionsBoundary".equals(usageFilter) ? Uni.createFrom().voidItem()
                    : attachments.ofPolicy(accountId, policyArn).invoke(rows -> rows.forEach(row -> byId.putIfAbsent(
                            row.principalId, new PolicyEntities.Entity(row.principalType, row.principalName,
                                    row.principalId, row.principalPath)))).replaceWithVoid();
            Uni<Void> bounded = "PermissionsPolicy".equals(usageFilter) ? Uni.createFrom().voidItem()
                    : boundaries.ofPolicy(accountId, policyArn).invoke(rows -> rows.forEach(row -> byId.putIfAbsent(
                            row.principalId, new PolicyEntities.Entity(row.principalType, row.principalName,
                                    row.principalId, row.principalPath)))).replaceWithVoid();
            return attached.chain(() -> bounded).map(ignored -> (List<PolicyEntities.Entity>) new ArrayList<>(byId.values()));
        })).chain(stored -> current(accountId, stored)).map(entities -> {
            List<PolicyEntities.Entity> matching = entities.stream()
                    .filter(e -> type == null || e.type().equals(type))
                    .filter(e -> e.path().startsWith(prefix))
                    .toList();
            Page<PolicyEntities.Entity> slice = page.slice(matching,
                    e -> e.type() + " " + e.name().toLowerCase(Locale.ROOT) + " " + e.id());
            return new PolicyEntities(ofType(slice, "group"), ofType(slice, "user"), ofType(slice, "role"),
                    slice.isTruncated(), slice.marker());
        });
    }

    /** Each principal's current name and path where the directory still knows it by the stored name and id. */
    private Uni<List<PolicyEntities.Entity>> current(String accountId, List<PolicyEntities.Entity> stored) {
        return Multi.createFrom().iterable(stored)
                .onItem().transformToUniAndConcatenate(e -> principals.find(accountId, kind(e.type()), e.name())
                        .map(found -> found.filter(p -> p.id().equals(e.id()))
                                .map(p -> new PolicyEntities.Entity(e.type(), p.name(), p.id(), p.path()))
                                .orElse(e)))
                .collect().asList();
    }

    private static Kind kind(String type) {
        return switch (type) {
            case "user" -> Kind.USER;
            case "group" -> Kind.GROUP;
            default -> Kind.ROLE;
        };
    }

    private static List<PolicyEntities.Entity> ofType(Page<PolicyEntities.Entity> page, String type) {
        return page.items().stream().filter(e -> e.type().equals(type)).toList();
    }

    private static IamException enumeration(String field, String value, List<String> allowed) {
        return new IamException(ErrorCode.VALIDATION_ERROR, "1 validation error detected: Value '" + value + "' at '"
                + field + "' failed to satisfy constraint: Member must satisfy enum value set: " + allowed);
    }
}
