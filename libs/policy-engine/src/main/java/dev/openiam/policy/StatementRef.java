package dev.openiam.policy;

/**
 * One statement that took part in a decision.
 *
 * @param policyId the id the caller gave the compiled policy (e.g. a policy ARN)
 * @param role     the part the policy played in the evaluation (identity, boundary, session, resource)
 * @param index    the statement's zero-based position in the document
 * @param sid      the statement's {@code Sid}, or {@code null}
 */
public record StatementRef(String policyId, PolicyType role, int index, String sid) {

    /** {@code policyId:Sid}, or {@code policyId:Statement[index]} when the statement has no Sid. */
    @Override
    public String toString() {
        return policyId + ":" + (sid != null ? sid : "Statement[" + index + "]");
    }
}
