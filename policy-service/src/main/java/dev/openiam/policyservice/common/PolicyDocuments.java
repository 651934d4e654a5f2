package dev.openiam.policyservice.common;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.rules.Rules;
import dev.openiam.policy.PolicyEngine;
import dev.openiam.policy.PolicyException;
import dev.openiam.policy.PolicyKind;
import dev.openiam.policy.PolicyType;

/**
 * Every policy document is checked by the policy engine when it is written, before anything is stored:
 * AWS's characters and length first (ValidationError), then the engine's grammar and size limit
 * ({@code MalformedPolicyDocument} / {@code LimitExceeded} with the engine's message).
 */
public final class PolicyDocuments {

    private PolicyDocuments() {
    }

    public static String check(String id, String document, PolicyType type, PolicyKind kind) {
        Rules.policyCharacters("policyDocument", document);
        try {
            PolicyEngine.compile(id, document, type, kind);
        } catch (PolicyException e) {
            ErrorCode code = PolicyException.LIMIT_EXCEEDED.equals(e.errorCode())
                    ? ErrorCode.LIMIT_EXCEEDED : ErrorCode.MALFORMED_POLICY_DOCUMENT;
            throw new IamException(code, e.getMessage());
        }
        return document;
    }

    /** The size IAM counts against its limits: characters other than space, TAB, LF and CR. */
    public static int size(String document) {
        int size = 0;
        for (int i = 0; i < document.length(); i++) {
            char c = document.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                size++;
            }
        }
        return size;
    }
}
