package dev.openiam.policyservice.decision;

import dev.openiam.policy.CompiledPolicy;
import dev.openiam.policy.PolicySet;
import dev.openiam.policy.PolicyType;
import dev.openiam.model.event.EventEnvelope;
import dev.openiam.model.event.PolicyEvent;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled policy sets per principal. An entry is used only when it reflects the revision the caller asks
 * for, the principal's current groups, and nothing it depends on changed since it was built (as
 * {@code iam.policy.v1} reports); otherwise it is rebuilt from the database. Reading never extends an
 * entry's life, so a revoked permission cannot be kept alive by traffic.
 */
@ApplicationScoped
public class PolicySetCache {

    private record Entry(PolicySet set, long revision, Set<String> groupIds, Set<String> dependencies) {
    }

    private final PolicySourceLoader loader;
    private final CompiledPolicies compiled;
    private final PolicyTouches touches = new PolicyTouches();
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Only while the policy consumer listens can entries be trusted between events. */
    private volatile boolean listening;
    /** Moves on every (re)join: a load that began before it must not be kept (it may predate missed events). */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    public PolicySetCache(PolicySourceLoader loader, CompiledPolicies compiled) {
        this.loader = loader;
        this.compiled = compiled;
    }

    /** The principal's policy set at policy revision {@code atLeast} or later. */
    Uni<PolicySet> get(String accountId, String principalId, Set<String> groupIds, long atLeast) {
        String key = accountId + "/" + principalId;
        Entry entry = entries.get(key);
        if (entry != null && listening && entry.revision() >= atLeast && entry.groupIds().equals(groupIds)
                && touches.unchangedSince(accountId, entry.dependencies(), entry.revision())) {
            return Uni.createFrom().item(entry.set());
        }
        long loadGeneration = generation.get();
        boolean trusted = listening;
        return loader.load(accountId, principalId, List.copyOf(groupIds)).map(sources -> {
            if (sources.revision() < atLeast) {
                // the database itself is behind the token: no such revision was committed (yet) — never decide on less
                throw new IamException(ErrorCode.SERVICE_UNAVAILABLE, "policy state of account " + accountId
                        + " has not reached revision " + atLeast + " (at " + sources.revision() + ")");
            }
            Entry built = build(principalId, groupIds, sources);
            if (trusted && listening && generation.get() == loadGeneration) {
                entries.put(key, built);
            }
            return built.set();
        });
    }

    private Entry build(String principalId, Set<String> groupIds, PolicySources sources) {
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
        return new Entry(builder.build(), sources.revision(), Set.copyOf(groupIds), Set.copyOf(dependencies));
    }

    /** From the policy event consumer. */
    void apply(EventEnvelope envelope) {
        if (envelope.payload() instanceof PolicyEvent event) {
            touches.touch(envelope.accountId(), envelope.revision(), event);
        }
    }

    /** The consumer (re)joined: anything cached may have missed events. */
    void listening(boolean now) {
        generation.incrementAndGet();
        entries.clear();
        touches.clear();
        listening = now;
    }
}
