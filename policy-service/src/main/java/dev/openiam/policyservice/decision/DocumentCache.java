package dev.openiam.policyservice.decision;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.policy.CompiledPolicy;
import dev.openiam.policy.PolicyEngine;
import dev.openiam.policy.PolicyException;
import dev.openiam.policy.PolicyKind;
import dev.openiam.policy.PolicyType;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Policy documents that arrive with a question rather than from the store — a role's trust policy, a resource
 * policy, a session's policies — compiled once per exact text and kind, a bounded number of them (the least recently
 * used go first). Unreadable documents are MalformedPolicyDocument.
 */
@ApplicationScoped
public class DocumentCache {

    static final int KEPT = 4_096;

    private final Map<String, CompiledPolicy> compiled = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledPolicy> eldest) {
            return size() > KEPT;
        }
    });

    /** {@code document} compiled as {@code type} (and {@code kind}'s size limit, when not {@code null}), named {@code id}. */
    public CompiledPolicy compile(String id, String key, String document, PolicyType type, PolicyKind kind) {
        String cacheKey = type + "|" + kind + "|" + id + "|" + key;
        CompiledPolicy policy = compiled.get(cacheKey);
        if (policy == null) {
            try {
                policy = kind == null ? PolicyEngine.compile(id, document, type) : PolicyEngine.compile(id, document, type, kind);
            } catch (PolicyException e) {
                throw new IamException(ErrorCode.MALFORMED_POLICY_DOCUMENT, e.getMessage());
            }
            compiled.put(cacheKey, policy);
        }
        return policy;
    }

    /** A document compiled by its own text. */
    public CompiledPolicy compile(String id, String document, PolicyType type, PolicyKind kind) {
        return compile(id, document, document, type, kind);
    }
}
