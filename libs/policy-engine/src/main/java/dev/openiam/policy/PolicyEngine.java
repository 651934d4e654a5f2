package dev.openiam.policy;

import dev.openiam.policy.lint.PolicyLinter;
import dev.openiam.policy.parse.PolicyParser;

import java.util.ArrayList;
import java.util.List;

/**
 * The entry points: {@link #validate} a document (findings, never throws), {@link #compile} it (throws
 * {@link PolicyException}), and {@link #evaluate} requests against a {@link PolicySet}.
 */
public final class PolicyEngine {

    private PolicyEngine() {
    }

    /** Compiles a document of {@code type} under the size limit of {@link PolicyKind#defaultFor(PolicyType)}. */
    public static CompiledPolicy compile(String id, String json, PolicyType type) {
        return compile(id, json, type, PolicyKind.defaultFor(type));
    }

    /**
     * Parses, checks and compiles a document.
     *
     * @param id   the caller's name for the policy (e.g. its ARN), reported in decisions
     * @param kind which AWS size limit applies
     * @throws PolicyException with {@code LimitExceeded} for a document over its size limit, otherwise
     *                         {@code MalformedPolicyDocument}, naming the first error and where it is
     */
    public static CompiledPolicy compile(String id, String json, PolicyType type, PolicyKind kind) {
        PolicyParser.Result r = PolicyParser.parse(json, type, kind);
        if (!r.ok()) {
            throw rejection(r.errors());
        }
        return new CompiledPolicy(id, type, r.document(), r.tree());
    }

    /**
     * Grammar and limit errors for a document of {@code type}, then the linter's warnings and suggestions for
     * any document that is a JSON object. Never throws.
     */
    public static List<Finding> validate(String json, PolicyType type) {
        return validate(json, type, PolicyKind.defaultFor(type));
    }

    /** As {@link #validate(String, PolicyType)}, under the size limit of {@code kind}. */
    public static List<Finding> validate(String json, PolicyType type, PolicyKind kind) {
        PolicyParser.Result r = PolicyParser.parse(json, type, kind);
        List<Finding> out = new ArrayList<>(r.errors());
        if (r.tree() != null && r.tree().isObject()) {
            try {
                out.addAll(PolicyLinter.lint(r.tree(), type));
            } catch (RuntimeException e) {
                // the linter promises never to throw; if it does, its warnings are lost, not the errors
                out.add(new Finding(Finding.Severity.WARNING, "LINTER_FAILED",
                        "the linter could not check this document", ""));
            }
        }
        return out;
    }

    /** Decides one request; the same as {@code policies.evaluate(request)}. */
    public static Decision evaluate(PolicySet policies, Request request) {
        return policies.evaluate(request);
    }

    static PolicyException rejection(List<Finding> errors) {
        Finding first = errors.get(0);
        boolean limit = errors.stream().anyMatch(f -> f.code().equals(PolicyParser.POLICY_SIZE));
        if (limit) {
            first = errors.stream().filter(f -> f.code().equals(PolicyParser.POLICY_SIZE)).findFirst().orElseThrow();
        }
        String message = first.location() == null || first.location().isEmpty() ? first.message()
                : first.message() + " at " + first.location();
        return new PolicyException(limit ? PolicyException.LIMIT_EXCEEDED : PolicyException.MALFORMED_POLICY_DOCUMENT,
                message, errors);
    }
}
