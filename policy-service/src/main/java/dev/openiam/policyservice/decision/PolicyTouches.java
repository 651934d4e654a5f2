package dev.openiam.policyservice.decision;

import dev.openiam.model.event.PolicyEvent;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The policy revision at which each principal's and each managed policy's policies last changed, per
 * account, as seen on {@code iam.policy.v1}. A cached policy set built at revision {@code b} is still
 * right while nothing it depends on was touched after {@code b}: exact invalidation, no TTL.
 */
final class PolicyTouches {

    private final Map<String, Map<String, Long>> byAccount = new ConcurrentHashMap<>();

    static String principal(String id) {
        return "p:" + id;
    }

    static String policy(String arn) {
        return "a:" + arn;
    }

    void touch(String accountId, long revision, PolicyEvent event) {
        String key = key(event);
        if (key != null) {
            byAccount.computeIfAbsent(accountId, id -> new ConcurrentHashMap<>()).merge(key, revision, Math::max);
        }
    }

    /** Whether none of {@code dependencies} changed after {@code builtAt}. */
    boolean unchangedSince(String accountId, Collection<String> dependencies, long builtAt) {
        Map<String, Long> touched = byAccount.get(accountId);
        if (touched == null) {
            return true;
        }
        for (String dependency : dependencies) {
            Long at = touched.get(dependency);
            if (at != null && at > builtAt) {
                return false;
            }
        }
        return true;
    }

    void clear() {
        byAccount.clear();
    }

    /** What an event changes for decisions: a principal's policies, or a managed policy's effective document. */
    private static String key(PolicyEvent event) {
        if (event instanceof PolicyEvent.UserPolicyAttached e) return principal(e.userId());
        if (event instanceof PolicyEvent.UserPolicyDetached e) return principal(e.userId());
        if (event instanceof PolicyEvent.GroupPolicyAttached e) return principal(e.groupId());
        if (event instanceof PolicyEvent.GroupPolicyDetached e) return principal(e.groupId());
        if (event instanceof PolicyEvent.RolePolicyAttached e) return principal(e.roleId());
        if (event instanceof PolicyEvent.RolePolicyDetached e) return principal(e.roleId());
        if (event instanceof PolicyEvent.UserInlinePolicyPut e) return principal(e.userId());
        if (event instanceof PolicyEvent.UserInlinePolicyDeleted e) return principal(e.userId());
        if (event instanceof PolicyEvent.GroupInlinePolicyPut e) return principal(e.groupId());
        if (event instanceof PolicyEvent.GroupInlinePolicyDeleted e) return principal(e.groupId());
        if (event instanceof PolicyEvent.RoleInlinePolicyPut e) return principal(e.roleId());
        if (event instanceof PolicyEvent.RoleInlinePolicyDeleted e) return principal(e.roleId());
        if (event instanceof PolicyEvent.UserPermissionsBoundaryPut e) return principal(e.userId());
        if (event instanceof PolicyEvent.UserPermissionsBoundaryDeleted e) return principal(e.userId());
        if (event instanceof PolicyEvent.RolePermissionsBoundaryPut e) return principal(e.roleId());
        if (event instanceof PolicyEvent.RolePermissionsBoundaryDeleted e) return principal(e.roleId());
        if (event instanceof PolicyEvent.PolicyVersionCreated e) return e.setAsDefault() ? policy(e.arn()) : null;
        if (event instanceof PolicyEvent.DefaultPolicyVersionSet e) return policy(e.arn());
        if (event instanceof PolicyEvent.PolicyDeleted e) return policy(e.arn());
        return null; // created policies, tags, non-default versions change no decision
    }
}
