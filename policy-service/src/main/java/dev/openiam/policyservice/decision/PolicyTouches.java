package dev.openiam.policyservice.decision;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.openiam.model.event.PolicyEvent;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When each principal's and each managed policy's policies last changed, per account, as seen on
 * {@code iam.policy.v1}, as a moment of this replica's own clock: a sequence that moves on every applied
 * change. A cached policy set whose load began at moment {@code b} is still right while nothing it depends
 * on was touched after {@code b}: exact invalidation, no TTL.
 *
 * <p>Memory is bounded: past {@code maxEntries} changes, some are forgotten. Forgetting the change made at
 * moment {@code t} raises a floor to {@code t}, and every set whose load began before the floor counts as
 * changed (it is rebuilt), so a forgotten change can never let a stale set through.
 */
final class PolicyTouches {

    private record Key(String accountId, String dependency) {
    }

    private final AtomicLong clock = new AtomicLong();
    /** Sets loaded before this moment may depend on a change no longer remembered. */
    private final AtomicLong floor = new AtomicLong();
    private final Cache<Key, Long> touched;

    PolicyTouches(long maxEntries) {
        // the eviction listener runs before the entry disappears, so no reader sees the change gone and the floor unmoved
        this.touched = Caffeine.newBuilder().maximumSize(maxEntries)
                .<Key, Long>evictionListener((key, at, cause) -> {
                    if (at != null) {
                        floor.accumulateAndGet(at, Math::max);
                    }
                })
                .build();
    }

    static String principal(String id) {
        return "p:" + id;
    }

    static String policy(String arn) {
        return "a:" + arn;
    }

    /** The current moment: a load that begins now reads every change applied so far. */
    long now() {
        return clock.get();
    }

    void touch(String accountId, PolicyEvent event) {
        String dependency = key(event);
        if (dependency != null) {
            long at = clock.incrementAndGet();
            touched.asMap().merge(new Key(accountId, dependency), at, Math::max);
        }
    }

    /** Whether none of {@code dependencies} changed after the load that began at moment {@code loadedAt}. */
    boolean unchangedSince(String accountId, Collection<String> dependencies, long loadedAt) {
        for (String dependency : dependencies) {
            Long at = touched.getIfPresent(new Key(accountId, dependency));
            if (at != null && at > loadedAt) {
                return false;
            }
        }
        // read after the changes: one evicted meanwhile has raised the floor before it vanished
        return loadedAt >= floor.get();
    }

    /** Forgets every change: everything loaded before now counts as changed. */
    void clear() {
        floor.accumulateAndGet(clock.incrementAndGet(), Math::max);
        touched.invalidateAll();
    }

    /** Changes remembered (approximately, for tests and metrics). */
    long size() {
        touched.cleanUp();
        return touched.estimatedSize();
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
