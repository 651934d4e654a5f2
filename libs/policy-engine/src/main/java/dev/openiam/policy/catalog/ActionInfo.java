package dev.openiam.policy.catalog;

import java.util.List;

/**
 * One action of the service authorization reference.
 *
 * @param service       the service prefix, e.g. {@code s3}
 * @param name          the action as AWS spells it, e.g. {@code GetObject}
 * @param accessLevel   {@code List}, {@code Read}, {@code Write}, {@code Tagging, Write}, {@code Permissions management, Write}, …
 * @param resourceTypes the resource types the action applies to
 * @param conditionKeys the condition keys of the action itself (not those of its resource types)
 */
public record ActionInfo(String service, String name, String accessLevel, List<ResourceTypeRef> resourceTypes,
                         List<ConditionKeyPattern> conditionKeys) {

    /**
     * A resource type an action applies to.
     *
     * @param name          e.g. {@code object}
     * @param required      whether the action always needs a resource of this type
     * @param conditionKeys condition keys the action supports on this resource type
     */
    public record ResourceTypeRef(String name, boolean required, List<ConditionKeyPattern> conditionKeys) {
    }

    /** {@code service:Name}, e.g. {@code s3:GetObject}. */
    public String qualifiedName() {
        return service + ":" + name;
    }

    /** Whether the action has no resource type, so that it only takes {@code "Resource": "*"}. */
    public boolean takesOnlyStarResource() {
        return resourceTypes.isEmpty();
    }

    /** Whether {@code key} is a condition key of this action or of one of its resource types (global keys not included). */
    public boolean supportsConditionKey(String key) {
        for (ConditionKeyPattern p : conditionKeys) {
            if (p.matches(key)) {
                return true;
            }
        }
        for (ResourceTypeRef r : resourceTypes) {
            for (ConditionKeyPattern p : r.conditionKeys()) {
                if (p.matches(key)) {
                    return true;
                }
            }
        }
        return false;
    }
}
