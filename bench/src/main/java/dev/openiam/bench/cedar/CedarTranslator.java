package dev.openiam.bench.cedar;

import dev.openiam.bench.workload.ConditionSpec;
import dev.openiam.bench.workload.PolicySpec;
import dev.openiam.bench.workload.Principal;
import dev.openiam.bench.workload.StatementSpec;
import dev.openiam.bench.workload.Workload;
import dev.openiam.policy.catalog.ActionCatalog;
import dev.openiam.policy.catalog.ActionInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The workload's statements as Cedar policies, one per statement: {@code permit} for Allow, {@code forbid}
 * for Deny (Cedar's forbid-overrides-permit is IAM's explicit-deny rule). The request's action and resource
 * ARN travel in the context, compared with {@code like} (Cedar has no entity wildcards).
 *
 * <p>Where Cedar cannot say what IAM says, the translation stays equivalent this way:
 * <ul>
 *   <li>actions are compared lower-cased (IAM actions are case-insensitive, {@code like} is not);</li>
 *   <li>{@code like} has no single-character wildcard, so an action pattern with {@code ?} becomes the list of
 *       the real actions it matches (from the action catalog); the workload uses {@code ?} in actions only;</li>
 *   <li>Cedar has no string concatenation, so policy variables (all bound to the principal here) are
 *       substituted when translating for this principal, as linking a template per principal would.</li>
 * </ul>
 */
public final class CedarTranslator {

    private final Principal principal;
    private final ActionCatalog catalog = ActionCatalog.bundled();

    public CedarTranslator(Principal principal) {
        this.principal = principal;
    }

    public String policies(Workload workload) {
        StringBuilder text = new StringBuilder();
        for (PolicySpec policy : workload.policies()) {
            for (StatementSpec statement : policy.statements()) {
                text.append(policy(statement)).append('\n');
            }
        }
        return text.toString();
    }

    String policy(StatementSpec s) {
        List<String> terms = new ArrayList<>();
        String actions = s.actions().stream().map(this::actionTerm).collect(Collectors.joining(" || "));
        terms.add(s.notAction() ? "!(" + actions + ")" : "(" + actions + ")");
        if (!s.resources().contains("*")) {
            terms.add("(" + s.resources().stream()
                    .map(r -> "context.resource like " + quote(principal.substitute(r)))
                    .collect(Collectors.joining(" || ")) + ")");
        }
        s.conditions().forEach(c -> terms.add(condition(c)));
        return "@id(\"" + s.sid() + "\")\n" + (s.allow() ? "permit" : "forbid")
                + " (principal == User::\"" + principal.userName() + "\", action == Action::\"call\", resource)\n"
                + "when { " + String.join(" && ", terms) + " };";
    }

    private String actionTerm(String pattern) {
        String p = pattern.toLowerCase(Locale.ROOT);
        if (p.contains("?")) {
            return "[" + catalog.matching(p).stream().map(ActionInfo::qualifiedName)
                    .map(a -> quote(a.toLowerCase(Locale.ROOT))).sorted().collect(Collectors.joining(", "))
                    + "].contains(context.action)";
        }
        return p.contains("*") ? "context.action like " + quote(p) : "context.action == " + quote(p);
    }

    private String condition(ConditionSpec c) {
        List<String> values = c.values().stream().map(principal::substitute).toList();
        return switch (c.kind()) {
            case PRINCIPAL_TEAM_EQUALS -> "(principal has team && (" + values.stream()
                    .map(v -> "principal.team == " + quote(v)).collect(Collectors.joining(" || ")) + "))";
            case PREFIX_LIKE -> "(context has prefix && (" + values.stream()
                    .map(v -> "context.prefix like " + quote(v)).collect(Collectors.joining(" || ")) + "))";
            case SOURCE_IP_IN -> "(" + ipTerms(values) + ")";
            case SOURCE_IP_NOT_IN -> "!(" + ipTerms(values) + ")";
            case SECURE_TRANSPORT -> "context.secure_transport == " + values.get(0);
            case MFA_AGE_BELOW -> "(context has mfa_age && (" + values.stream()
                    .map(v -> "context.mfa_age < " + v).collect(Collectors.joining(" || ")) + "))";
            case REGION_IF_EXISTS -> "(!(context has region) || " + values.stream()
                    .map(v -> "context.region == " + quote(v)).collect(Collectors.joining(" || ")) + ")";
        };
    }

    private static String ipTerms(List<String> cidrs) {
        return cidrs.stream().map(c -> "context.source_ip.isInRange(ip(" + quote(c) + "))")
                .collect(Collectors.joining(" || "));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
