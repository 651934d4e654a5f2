package dev.openiam.policy;

import java.util.List;

/**
 * A policy document was rejected. {@link #errorCode()} is the AWS error code to answer with:
 * {@value #MALFORMED_POLICY_DOCUMENT} or {@value #LIMIT_EXCEEDED}; the message is lowercase, without a
 * final period, and names the offending input in backticks and where it is.
 */
public final class PolicyException extends RuntimeException {

    public static final String MALFORMED_POLICY_DOCUMENT = "MalformedPolicyDocument";
    public static final String LIMIT_EXCEEDED = "LimitExceeded";

    private final String errorCode;
    private final transient List<Finding> findings;

    public PolicyException(String errorCode, String message, List<Finding> findings) {
        super(message, null, false, false);
        this.errorCode = errorCode;
        this.findings = List.copyOf(findings);
    }

    /** {@value #MALFORMED_POLICY_DOCUMENT} or {@value #LIMIT_EXCEEDED}. */
    public String errorCode() {
        return errorCode;
    }

    /** Every error found in the document (the message describes the first). */
    public List<Finding> findings() {
        return findings;
    }
}
