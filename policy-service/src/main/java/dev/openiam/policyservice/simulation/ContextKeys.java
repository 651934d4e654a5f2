package dev.openiam.policyservice.simulation;

import dev.openiam.policy.RequestContext;
import dev.openiam.policy.match.Glob;
import dev.openiam.policy.model.ConditionEntry;
import dev.openiam.policy.model.PolicyDocument;
import dev.openiam.policy.model.Statement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The condition keys the documents of one simulation read: those their {@code Condition} blocks test and those
 * their policy variables ({@code ${aws:username}}) name. Each statement is read once, when the index is built;
 * a simulation then asks which keys the statements covering an action read. Keys are case-insensitive; the
 * first spelling is kept.
 */
final class ContextKeys {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    /** One statement: the action patterns it covers (or, with NotAction, excludes) and the keys it reads. */
    private record Indexed(List<Glob> actions, boolean notAction, List<String> keys) {

        boolean appliesTo(String action) {
            boolean listed = actions.stream().anyMatch(pattern -> pattern.matches(action, RequestContext.empty()));
            return notAction != listed;
        }
    }

    private final List<Indexed> statements = new ArrayList<>();

    private ContextKeys() {
    }

    /** Reads every statement of {@code documents}, once. */
    static ContextKeys of(List<PolicyDocument> documents) {
        ContextKeys index = new ContextKeys();
        for (PolicyDocument document : documents) {
            for (Statement statement : document.statements()) {
                List<Glob> actions = statement.actions().stream().map(a -> Glob.compile(a, true, false, true)).toList();
                index.statements.add(new Indexed(actions, statement.notAction(), keys(document, statement)));
            }
        }
        return index;
    }

    /** Every key of every statement, in the order first met ({@code GetContextKeysFor*Policy}). */
    List<String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        statements.forEach(s -> put(names, s.keys()));
        return new ArrayList<>(names.values());
    }

    /** The keys of the statements covering {@code action} (resources aside) that {@code context} lacks. */
    List<String> missingFor(String action, RequestContext context) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Indexed statement : statements) {
            if (statement.appliesTo(action)) {
                put(names, statement.keys());
            }
        }
        return names.values().stream().filter(key -> !context.contains(key)).toList();
    }

    private static void put(Map<String, String> names, List<String> keys) {
        keys.forEach(key -> names.putIfAbsent(key.toLowerCase(Locale.ROOT), key));
    }

    private static List<String> keys(PolicyDocument document, Statement statement) {
        List<String> keys = new ArrayList<>();
        for (ConditionEntry entry : statement.conditions()) {
            keys.add(entry.key());
            if (document.variablesEnabled()) {
                entry.values().forEach(value -> variables(value, keys));
            }
        }
        if (document.variablesEnabled() && statement.resources() != null) {
            statement.resources().forEach(resource -> variables(resource, keys));
        }
        return List.copyOf(keys);
    }

    private static void variables(String text, List<String> keys) {
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            String key = m.group(1);
            int comma = key.indexOf(',');
            key = (comma < 0 ? key : key.substring(0, comma)).strip();
            // ${*}, ${?} and ${$} stand for literal characters, not keys
            if (key.indexOf(':') > 0) {
                keys.add(key);
            }
        }
    }
}
