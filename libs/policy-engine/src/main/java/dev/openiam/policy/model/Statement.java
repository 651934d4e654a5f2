package dev.openiam.policy.model;

import java.util.List;

/**
 * One parsed statement. Exactly one of {@code Action}/{@code NotAction} is set; resources may be absent in
 * trust policies; the principal block is {@code null} in identity-style policies.
 *
 * @param index        position in the {@code Statement} array (0 for a single statement object)
 * @param sid          the {@code Sid}, or {@code null}
 * @param effect       allow or deny
 * @param principal    the {@code Principal} or {@code NotPrincipal} block, or {@code null}
 * @param notPrincipal whether {@code principal} came from {@code NotPrincipal}
 * @param actions      the {@code Action} or {@code NotAction} values
 * @param notAction    whether {@code actions} came from {@code NotAction}
 * @param resources    the {@code Resource} or {@code NotResource} values; {@code null} when absent
 * @param notResource  whether {@code resources} came from {@code NotResource}
 * @param conditions   every operator/key pair of the {@code Condition} block, in document order
 */
public record Statement(int index, String sid, Effect effect, PrincipalBlock principal, boolean notPrincipal,
                        List<String> actions, boolean notAction, List<String> resources, boolean notResource,
                        List<ConditionEntry> conditions) {

    public Statement {
        actions = List.copyOf(actions);
        resources = resources == null ? null : List.copyOf(resources);
        conditions = List.copyOf(conditions);
    }

    /** The Sid, or {@code Statement[index]}. */
    public String label() {
        return sid != null ? sid : "Statement[" + index + "]";
    }
}
