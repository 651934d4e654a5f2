package dev.openiam.policyservice.decision;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.openiam.policy.CompiledPolicy;
import dev.openiam.policy.PolicySet;
import dev.openiam.policy.PolicyType;
import dev.openiam.model.event.EventEnvelope;
import dev.openiam.model.event.PolicyEvent;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.policyservice.config.PolicyConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compiled policy sets per principal. An entry is used only when it reflects the revision the caller asks
 * for, the principal's current groups, and nothing it depends on changed since its load began (as
 * {@code iam.policy.v1} reports); otherwise it is rebuilt from the database. Reading never extends an
 * entry's life, so a revoked permission cannot be kept alive by traffic. At most
 * {@code iam.policy.decision.policy-sets-max-entries} sets are kept; an evicted one is simply rebuilt.
 */
@ApplicationScoped
public class PolicySetCache {

    /** A set built from a load that began at moment {@code loadedAt} of {@link PolicyTouches}' clock. */
    private record Entry(PolicySet set, long revision, Set<String> groupIds, Set<String> dependencies, long loadedAt) {
    }

    private final PolicySourceLoader loader;
    private final CompiledPolicies compiled;
    private final PolicyTouches touches;
    private final Cache<String, Entry> entries;
    /** Only while the policy consumer listens can entries be trusted between events. */
    private volatile boolean listening;

    public PolicySetCache(PolicySourceLoader loader, CompiledPolicies compiled, PolicyConfig config) {
        this.loader = loader;
        this.compiled = compiled;
        this.touches = new PolicyTouches(config.decision().touchesMaxEntries());
        this.entries = Caffeine.newBuilder().maximumSize(config.decision().policySetsMaxEntries()).build();
    }

    /** The principal's policy set at policy revision {@code atLeast} or later. */
    Uni<PolicySet> get(String accountId, String principalId, Set<String> groupIds, long atLeast) {
        String key = accountId + "/" + principalId;
        Entry entry = entries.getIfPresent(key);
        if (entry != null && listening && entry.revision() >= atLeast && entry.groupIds().equals(groupIds)
                && touches.unchangedSince(accountId, entry.dependencies(), entry.loadedAt())) {
            return Uni.createFrom().item(entry.set());
        }
        // taken before the database is read: any change applied after this moment makes the entry stale
        long loadedAt = touches.now();
        boolean trusted = listening;
        return loader.load(accountId, principalId, List.copyOf(groupIds)).map(sources -> {
            if (sources.revision() < atLeast) {
                // the database itself is behind the token: no such revision was committed (yet) — never decide on less
                throw new IamException(ErrorCode.SERVICE_UNAVAILABLE, "policy state of account " + accountId
                        + " has not reached revision " + atLeast + " (at " + sources.revision() + ")");
            }
            Entry built = build(principalId, groupIds, sources, loadedAt);
            if (trusted && listening) {
                // a load that began before a (re)join is below the touches' floor: never used
                entries.put(key, built);
            }
            return built.set();
        });
    }

    private Entry build(String principalId, Set<String> groupIds, PolicySources sources, long loadedAt) {
        List<CompiledPolicy> identity = new ArrayList<>(sources.identity().size());
        sources.identity().forEach(source -> identity.add(compiled.get(source, PolicyType.IDENTITY)));
        PolicySet.Builder builder = PolicySet.builder().identityPolicies(identity);
        if (sources.boundary() != null) {
            builder.permissionBoundary(compiled.get(sources.boundary(), PolicyType.PERMISSION_BOUNDARY));
        }
        Set<String> dependencies = new HashSet<>();
        dependencies.add(PolicyTouches.principal(principalId));
        groupIds.forEach(id -> dependencies.add(PolicyTouches.principal(id)));
        sources.policyArns().forEach(arn -> dependencies.add(PolicyTouches.policy(arn)));
        return new Entry(builder.build(), sources.revision(), Set.copyOf(groupIds), Set.copyOf(dependencies), loadedAt);
    }

    /** From the policy event consumer. */
    void apply(EventEnvelope envelope) {
        if (envelope.payload() instanceof PolicyEvent event) {
            touches.touch(envelope.accountId(), event);
        }
    }

    /** The consumer (re)joined: anything cached may have missed events. */
    void listening(boolean now) {
        touches.clear();
        entries.invalidateAll();
        listening = now;
    }

    /** Sets kept (after pending evictions), for tests of the bound. */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    /** How many changes this replica has applied (moves with every one), for tests that wait for an event. */
    long changesApplied() {
        return touches.now();
    }

    /** Policy changes remembered, for tests of the bound. */
    long touchesRemembered() {
        return touches.size();
    }
}
