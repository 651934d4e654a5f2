package dev.openiam.identity.role.domain;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.rules.Rules;
import dev.openiam.policy.PolicyEngine;
import dev.openiam.policy.PolicyException;
import dev.openiam.policy.PolicyKind;
import dev.openiam.policy.PolicyType;

/**
 * A role's trust policy is checked by the policy engine as AWS does when it is written: AWS's characters
 * (ValidationError), then the trust-policy grammar (Principal required, …) and the 2,048-character
 * limit (MalformedPolicyDocument or LimitExceeded, with the engine's message). It is stored as given.
 */
final class TrustPolicyCheck {

    private TrustPolicyCheck() {
    }

    static String check(String field, String document) {
        Rules.policyCharacters(field, document);
        try {
            PolicyEngine.compile("trust-policy", document, PolicyType.TRUST, PolicyKind.TRUST);
        } catch (PolicyException e) {
            ErrorCode code = ErrorCode.fromAwsCode(e.errorCode());
            throw new IamException(code == null ? ErrorCode.MALFORMED_POLICY_DOCUMENT : code, e.getMessage());
        }
        return document;
    }
}
