package dev.openiam.policyservice.decision;

import dev.openiam.policy.CompiledPolicy;
import dev.openiam.policy.PolicyEngine;
import dev.openiam.policy.PolicyKind;
import dev.openiam.policy.PolicyType;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiled documents by the exact text they were compiled from (a source key names one immutable text),
 * shared by every principal that uses them; least recently used ones go first past a bound.
 */
@ApplicationScoped
public class CompiledPolicies {

    private static final int MAX_ENTRIES = 20_000;

    private final Map<String, CompiledPolicy> byKey = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledPolicy> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** The compiled document; stored documents were validated when written, so this only fails on corruption. */
    public CompiledPolicy get(PolicySources.Source source, PolicyType type) {
        String key = type + "|" + source.key();
        synchronized (byKey) {
            CompiledPolicy compiled = byKey.get(key);
            if (compiled != null) {
                return compiled;
            }
        }
        // AWS's own policies are larger than the customer limit; stored customer documents passed their limit when written
        CompiledPolicy compiled = PolicyEngine.compile(source.id(), source.document(), type, PolicyKind.AWS_MANAGED);
        synchronized (byKey) {
            byKey.put(key, compiled);
        }
        return compiled;
    }
}
