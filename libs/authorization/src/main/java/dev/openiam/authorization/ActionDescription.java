package dev.openiam.authorization;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.model.Tag;
import dev.openiam.policy.catalog.ActionCatalog;
import dev.openiam.policy.catalog.ActionInfo;
import dev.openiam.policy.catalog.ServiceInfo;
import dev.openiam.policy.catalog.ConditionKeyPattern;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * How one IAM action is authorized: the resource(s) it acts on, checks on other actions it implies (PassRole),
 * and where its condition keys come from. Which keys an action sets is not listed here: it is the Service
 * Authorization Reference's list for the action and its resource types ({@link ActionInfo}); this class knows
 * how to derive each kind of key, from exactly what the action will read and store.
 */
public final class ActionDescription {

    /** A check on another action the request implies, e.g. {@code iam:PassRole} on the role added to a profile. */
    public record Implied(String action, Resource resource, Map<String, String> keys) {
    }

    private final String name;
    private final Owner owner;
    private final List<Resource> resources;
    private final List<Implied> implied;
    private final String policyArnParameter;
    private final String boundaryParameter;
    private final ActionInfo reference;
    private final List<ConditionKeyPattern> keys;

    ActionDescription(String name, Owner owner, List<Resource> resources, List<Implied> implied, String policyArnParameter,
                      String boundaryParameter, ActionInfo reference) {
        this.name = name;
        this.owner = owner;
        this.resources = List.copyOf(resources);
        this.implied = List.copyOf(implied);
        this.policyArnParameter = policyArnParameter;
        this.boundaryParameter = boundaryParameter;
        this.reference = reference;
        this.keys = keysOf(reference);
    }

    /** The action's name without prefix, e.g. {@code CreateUser}. */
    public String name() {
        return name;
    }

    /** {@code iam:CreateUser}. */
    public String qualifiedName() {
        return "iam:" + name;
    }

    public Owner owner() {
        return owner;
    }

    /** The reference's entry for this action. */
    public ActionInfo reference() {
        return reference;
    }

    /** The condition keys the reference lists for the action and its resource types (global keys not included). */
    public List<ConditionKeyPattern> conditionKeys() {
        return keys;
    }

    /** Whether the action creates its resource (which so has no stored tags yet). */
    public boolean creates() {
        return resources.get(0) instanceof Resource.Created || resources.get(0) instanceof Resource.CreatedFromUrl;
    }

    /** The entities to resolve before {@link #checks} (each once). */
    public Set<EntityRef> lookups(QueryRequest request, CallerRef caller) {
        Set<EntityRef> refs = new LinkedHashSet<>();
        for (Resource resource : resources) {
            add(refs, resource.lookup(request, caller));
        }
        for (Implied other : implied) {
            add(refs, other.resource().lookup(request, caller));
        }
        return refs;
    }

    /**
     * Every check the request needs, the action on its primary resource first. {@code resolved} answers each
     * of {@link #lookups} with the stored entity, or {@code null} when it does not exist.
     */
    public List<Check> checks(QueryRequest request, CallerRef caller, Function<EntityRef, Entity> resolved) {
        List<Check> checks = new ArrayList<>();
        for (Resource resource : resources) {
            if (resource instanceof Resource.Renamed renamed && !renamed.applies(request)) {
                continue;
            }
            EntityRef ref = resource.lookup(request, caller);
            Entity found = ref == null ? null : resolved.apply(ref);
            checks.add(new Check(qualifiedName(), resource.arn(request, caller, found), context(request, found)));
        }
        for (Implied other : implied) {
            EntityRef ref = other.resource().lookup(request, caller);
            Entity found = ref == null ? null : resolved.apply(ref);
            checks.add(new Check(other.action(), other.resource().arn(request, caller, found), Map.copyOf(other.keys())));
        }
        return checks;
    }

    private Map<String, Object> context(QueryRequest request, Entity entity) {
        Map<String, Object> context = new LinkedHashMap<>();
        boolean storesTags = false;
        for (ConditionKeyPattern key : keys) {
            if (key.template().equalsIgnoreCase("aws:RequestTag/${TagKey}")) {
                storesTags = true;
            }
        }
        for (ConditionKeyPattern key : keys) {
            switch (key.template().toLowerCase(Locale.ROOT)) {
                case "aws:requesttag/${tagkey}" -> request.tags("Tags").forEach(t -> context.put("aws:RequestTag/" + t.key(), t.value()));
                // the keys of exactly what the action stores (Tags), or removes (TagKeys) — never both readings
                case "aws:tagkeys" -> {
                    List<String> tagKeys = storesTags ? request.tags("Tags").stream().map(Tag::key).toList() : request.list("TagKeys");
                    if (!tagKeys.isEmpty()) {
                        context.put("aws:TagKeys", List.copyOf(tagKeys));
                    }
                }
                case "aws:resourcetag/${tagkey}" -> tags(entity, "aws:ResourceTag/", context);
                case "iam:resourcetag/${tagkey}" -> tags(entity, "iam:ResourceTag/", context);
                case "iam:policyarn" -> putParameter(request, policyArnParameter, "iam:PolicyARN", context);
                case "iam:permissionsboundary" -> {
                    if (boundaryParameter != null) {
                        putParameter(request, boundaryParameter, "iam:PermissionsBoundary", context);
                    } else if (entity != null && entity.permissionsBoundaryArn() != null) {
                        context.put("iam:PermissionsBoundary", entity.permissionsBoundaryArn());
                    }
                }
                case "iam:awsservicename" -> putParameter(request, "AWSServiceName", "iam:AWSServiceName", context);
                default -> {
                    // keys no served request can supply: see AuthorizationCatalog.NOT_SUPPLIED
                }
            }
        }
        return context;
    }

    private static void tags(Entity entity, String prefix, Map<String, Object> context) {
        if (entity != null) {
            entity.tags().forEach(t -> context.put(prefix + t.key(), t.value()));
        }
    }

    private static void putParameter(QueryRequest request, String parameter, String key, Map<String, Object> context) {
        String value = parameter == null ? null : request.string(parameter);
        if (value != null) {
            context.put(key, value);
        }
    }

    private static void add(Set<EntityRef> refs, EntityRef ref) {
        if (ref != null) {
            refs.add(ref);
        }
    }

    /** The action's own keys, then for each of its resource types the action's and the resource type's. */
    private static List<ConditionKeyPattern> keysOf(ActionInfo action) {
        Map<String, List<ConditionKeyPattern>> typeKeys = ActionCatalog.bundled().service(action.service())
                .map(ServiceInfo::resourceTypeConditionKeys).orElse(Map.of());
        Map<String, ConditionKeyPattern> keys = new LinkedHashMap<>();
        action.conditionKeys().forEach(k -> keys.putIfAbsent(k.template().toLowerCase(Locale.ROOT), k));
        for (ActionInfo.ResourceTypeRef type : action.resourceTypes()) {
            type.conditionKeys().forEach(k -> keys.putIfAbsent(k.template().toLowerCase(Locale.ROOT), k));
            typeKeys.getOrDefault(type.name(), List.of()).forEach(k -> keys.putIfAbsent(k.template().toLowerCase(Locale.ROOT), k));
        }
        return List.copyOf(keys.values());
    }
}
