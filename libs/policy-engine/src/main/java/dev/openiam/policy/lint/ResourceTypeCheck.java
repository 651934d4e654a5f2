package dev.openiam.policy.lint;

import dev.openiam.policy.Finding;
import dev.openiam.policy.PolicyType;
import dev.openiam.policy.catalog.ActionCatalog;
import dev.openiam.policy.catalog.ActionInfo;
import dev.openiam.policy.catalog.Wildcards;

import java.util.ArrayList;
import java.util.List;

/**
 * Actions and resources of one statement that cannot meet, by the ARN formats of the service authorization
 * reference:
 * <ul>
 *   <li>{@code UNSUPPORTED_RESOURCE}: a resource no action of the statement applies to, such as
 *       {@code arn:aws:s3:::bucket} for {@code s3:GetObject} (which takes objects, {@code bucket/*});</li>
 *   <li>{@code ACTION_MATCHES_NO_RESOURCE}: an action none of the statement's resources fits, beside other
 *       actions that do (reported only when every resource fits some action, to say each problem once).</li>
 * </ul>
 * An action without resource types only takes {@code "Resource": "*"}. Statements with {@code NotAction},
 * {@code NotResource}, the action {@code *} or unknown actions are left alone.
 */
final class ResourceTypeCheck implements LintCheck {

    // beyond this many actions (`ec2:*`), a resource fits one of them anyway; not worth the time
    private static final int MAX_ACTIONS = 2_000;

    private final ActionCatalog catalog;

    ResourceTypeCheck(ActionCatalog catalog) {
        this.catalog = catalog;
    }

    private record ActionEntry(LintStatement.Entry entry, List<ActionInfo> actions) {
    }

    @Override
    public void check(LintDocument document, PolicyType type, List<Finding> findings) {
        for (LintStatement statement : document.statements()) {
            if (!statement.actions().present() || statement.actions().negated()
                    || !statement.resources().present() || statement.resources().negated()
                    || statement.resources().values().contains("*")) {
                continue;
            }
            List<ActionEntry> actions = actions(statement);
            if (actions != null && !actions.isEmpty()) {
                check(statement, actions, findings);
            }
        }
    }

    // null when the statement's actions cannot be told
    private List<ActionEntry> actions(LintStatement statement) {
        List<ActionEntry> out = new ArrayList<>();
        int total = 0;
        for (LintStatement.Entry entry : statement.actions().entries()) {
            if (entry.value().equals("*")) {
                return null;
            }
            List<ActionInfo> matched = catalog.matching(entry.value());
            if (matched.isEmpty()) {
                return null; // unknown: UnknownActionCheck reports it
            }
            total += matched.size();
            if (total > MAX_ACTIONS) {
                return null;
            }
            out.add(new ActionEntry(entry, matched));
        }
        return out;
    }

    private void check(LintStatement statement, List<ActionEntry> actions, List<Finding> findings) {
        boolean everyResourceFits = true;
        for (LintStatement.Entry resource : statement.resources().entries()) {
            boolean fits = actions.stream().flatMap(a -> a.actions().stream()).anyMatch(a -> fits(resource.value(), a));
            if (!fits) {
                everyResourceFits = false;
                findings.add(new Finding(Finding.Severity.WARNING, "UNSUPPORTED_RESOURCE",
                        "no action of the statement applies to the resource `" + resource.value() + "`" + hint(actions),
                        resource.location()));
            }
        }
        if (!everyResourceFits || actions.size() < 2) {
            return;
        }
        for (ActionEntry action : actions) {
            boolean fits = action.actions().stream()
                    .anyMatch(a -> statement.resources().values().stream().anyMatch(r -> fits(r, a)));
            if (!fits) {
                findings.add(new Finding(Finding.Severity.WARNING, "ACTION_MATCHES_NO_RESOURCE",
                        "no resource of the statement is one `" + action.entry().value() + "` applies to"
                                + hint(List.of(action)),
                        action.entry().location()));
            }
        }
    }

    private boolean fits(String resource, ActionInfo action) {
        for (String template : catalog.arnTemplates(action)) {
            if (ActionCatalog.resourceCanMatch(resource, template)) {
                return true;
            }
        }
        return false;
    }

    // For a single exact action, what it does take.
    private String hint(List<ActionEntry> actions) {
        if (actions.size() != 1 || actions.get(0).actions().size() != 1
                || Wildcards.hasWildcard(actions.get(0).entry().value())) {
            return "";
        }
        ActionInfo action = actions.get(0).actions().get(0);
        List<String> templates = catalog.arnTemplates(action);
        if (templates.isEmpty()) {
            return "; `" + action.qualifiedName() + "` takes only `\"Resource\": \"*\"`";
        }
        return "; `" + action.qualifiedName() + "` takes `" + String.join("`, `", templates) + "`";
    }
}
