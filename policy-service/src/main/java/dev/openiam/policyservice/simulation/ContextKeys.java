package dev.openiam.policyservice.simulation;

import dev.openiam.policy.RequestContext;
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
 * The condition keys a document reads: those its {@code Condition} blocks test and those its policy
 * variables ({@code ${aws:username}}) name. Keys are case-insensitive; the first spelling is kept.
 */
final class ContextKeys {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final Map<String, String> byLowerName = new LinkedHashMap<>();

    /** Every key of every statement of {@code document}. */
    ContextKeys add(PolicyDocument document) {
        for (Statement statement : document.statements()) {
            add(document, statement);
        }
        return this;
    }

    /** The keys of the statements of {@code document} that apply to {@code action}. */
    ContextKeys addFor(PolicyDocument document, String action) {
        for (Statement statement : document.statements()) {
            if (appliesTo(statement, action)) {
                add(document, statement);
            }
        }
        return this;
    }

    /** The collected keys {@code context} lacks, in the order first met. */
    List<String> missingFrom(RequestContext context) {
        return byLowerName.values().stream().filter(key -> !context.contains(key)).toList();
    }

    List<String> names() {
        return new ArrayList<>(byLowerName.values());
    }

    private void add(PolicyDocument document, Statement statement) {
        for (ConditionEntry entry : statement.conditions()) {
            put(entry.key());
            if (document.variablesEnabled()) {
                entry.values().forEach(this::variables);
            }
        }
        if (document.variablesEnabled() && statement.resources() != null) {
            statement.resources().forEach(this::variables);
        }
    }

    private void variables(String text) {
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            String key = m.group(1);
            int comma = key.indexOf(',');
            key = (comma < 0 ? key : key.substring(0, comma)).strip();
            // ${*}, ${?} and ${$} stand for literal characters, not keys
            if (key.indexOf(':') > 0) {
                put(key);
            }
        }
    }

    private void put(String key) {
        byLowerName.putIfAbsent(key.toLowerCase(Locale.ROOT), key);
    }

    /** Whether the statement's Action (or NotAction) covers the action; resources are not considered. */
    static boolean appliesTo(Statement statement, String action) {
        boolean listed = statement.actions().stream().anyMatch(pattern -> matches(pattern, action));
        return statement.notAction() != listed;
    }

    /** {@code *} and {@code ?} wildcards, case-insensitive, as IAM matches action names. */
    static boolean matches(String pattern, String value) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String v = value.toLowerCase(Locale.ROOT);
        int pi = 0;
        int vi = 0;
        int star = -1;
        int mark = 0;
        while (vi < v.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == v.charAt(vi))) {
                pi++;
                vi++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = vi;
            } else if (star >= 0) {
                pi = star + 1;
                vi = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }
}
