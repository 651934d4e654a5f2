package dev.openiam.sts.credentials;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.rules.Rules;
import dev.openiam.policy.PolicyEngine;
import dev.openiam.policy.PolicyException;
import dev.openiam.policy.PolicyType;

import java.util.List;

/**
 * The session policies a request passes ({@code Policy}, {@code PolicyArns}), checked as STS checks them: the inline
 * policy 1–2,048 characters and a valid session policy (MalformedPolicyDocument otherwise), at most 10 ARNs.
 */
public record SessionPolicyInput(String policy, List<String> policyArns) {

    static final int MAX_POLICY_ARNS = 10;

    public SessionPolicyInput {
        policyArns = policyArns == null ? List.of() : List.copyOf(policyArns);
    }

    public static SessionPolicyInput of(String policy, List<String> policyArns) {
        if (policy != null) {
            Rules.length("policy", policy, 1, 2048);
            try {
                PolicyEngine.compile("session-policy", policy, PolicyType.SESSION);
            } catch (PolicyException e) {
                throw new IamException(ErrorCode.MALFORMED_POLICY_DOCUMENT, e.getMessage());
            }
        }
        if (policyArns.size() > MAX_POLICY_ARNS) {
            throw IamException.validation("1 validation error detected: Value at 'policyArns' failed to satisfy constraint: "
                    + "Member must have length less than or equal to " + MAX_POLICY_ARNS);
        }
        for (String arn : policyArns) {
            Rules.length("policyArns.member.arn", arn, 20, 2048);
        }
        return new SessionPolicyInput(policy, policyArns);
    }
}
