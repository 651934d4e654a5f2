package dev.openiam.model;

/**
 * The AWS error codes this IAM answers with, each with its HTTP status and whether the fault is the
 * caller's ({@code Sender}) or ours ({@code Receiver}), as the AWS Query protocol reports it.
 */
public enum ErrorCode {
    VALIDATION_ERROR("ValidationError", 400),
    MISSING_PARAMETER("MissingParameter", 400),
    INVALID_INPUT("InvalidInput", 400),
    INVALID_ACTION("InvalidAction", 400),
    MISSING_ACTION("MissingAction", 400),
    MALFORMED_POLICY_DOCUMENT("MalformedPolicyDocument", 400),
    NO_SUCH_ENTITY("NoSuchEntity", 404),
    ENTITY_ALREADY_EXISTS("EntityAlreadyExists", 409),
    LIMIT_EXCEEDED("LimitExceeded", 409),
    DELETE_CONFLICT("DeleteConflict", 409),
    CONCURRENT_MODIFICATION("ConcurrentModification", 409),
    UNMODIFIABLE_ENTITY("UnmodifiableEntity", 400),
    ACCESS_DENIED("AccessDenied", 403),
    PASSWORD_POLICY_VIOLATION("PasswordPolicyViolation", 400),
    ENTITY_TEMPORARILY_UNMODIFIABLE("EntityTemporarilyUnmodifiable", 409),
    INVALID_USER_TYPE("InvalidUserType", 400),
    /** GetCredentialReport before any GenerateCredentialReport. */
    REPORT_NOT_PRESENT("ReportNotPresent", 410),
    REPORT_EXPIRED("ReportExpired", 410),
    REPORT_IN_PROGRESS("ReportInProgress", 404),
    // CloudTrail (JSON 1.1 protocol): the codes its model names for LookupEvents and ListPublicKeys
    /** LookupAttributes CloudTrail refuses: more than one, an unknown key, a value that is empty, too long or not allowed. */
    INVALID_LOOKUP_ATTRIBUTES("InvalidLookupAttributesException", 400),
    /** StartTime after EndTime, or a time outside the range of possible values. */
    INVALID_TIME_RANGE("InvalidTimeRangeException", 400),
    /** MaxResults outside 1–50. */
    INVALID_MAX_RESULTS("InvalidMaxResultsException", 400),
    /** A NextToken that was not issued, or was issued for other parameters. */
    INVALID_NEXT_TOKEN("InvalidNextTokenException", 400),
    /** ListPublicKeys' name for a NextToken that is not valid. */
    INVALID_TOKEN("InvalidTokenException", 400),
    /** An EventCategory other than {@code insight}. */
    INVALID_EVENT_CATEGORY("InvalidEventCategoryException", 400),
    /** An X-Amz-Target naming an operation the service does not have. */
    UNKNOWN_OPERATION("UnknownOperationException", 400),
    /** A JSON 1.1 body that cannot be read, or a member of the wrong type. */
    SERIALIZATION("SerializationException", 400),

    /** A TOTP code that is wrong, stale or already used (EnableMFADevice, ResyncMFADevice, MFA sign-in). */
    INVALID_AUTHENTICATION_CODE("InvalidAuthenticationCode", 403),
    INVALID_CLIENT_TOKEN_ID("InvalidClientTokenId", 403),
    EXPIRED_TOKEN("ExpiredToken", 400),
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403),
    REQUEST_EXPIRED("RequestExpired", 400),
    INCOMPLETE_SIGNATURE("IncompleteSignature", 400),
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationToken", 403),
    SERVICE_UNAVAILABLE("ServiceUnavailable", 503),
    SERVICE_FAILURE("ServiceFailure", 500),
    /** STS: the session policies and tags, packed, exceed what a session token may carry. */
    PACKED_POLICY_TOO_LARGE("PackedPolicyTooLarge", 400),
    /** STS AssumeRoleWithWebIdentity: a web identity token that cannot be read or trusted (signature, issuer, audience). */
    INVALID_IDENTITY_TOKEN("InvalidIdentityToken", 400),
    /** STS AssumeRoleWithWebIdentity: a web identity token past its {@code exp}. */
    EXPIRED_TOKEN_EXCEPTION("ExpiredTokenException", 400),
    /** STS AssumeRoleWithWebIdentity: the identity provider's keys could not be fetched. */
    IDP_COMMUNICATION_ERROR("IDPCommunicationError", 400),
    /** STS AssumeRoleWithWebIdentity: the identity provider rejected the claim. */
    IDP_REJECTED_CLAIM("IDPRejectedClaim", 403),
    /** STS DecodeAuthorizationMessage: a message this installation did not encode, or one altered since. */
    INVALID_AUTHORIZATION_MESSAGE("InvalidAuthorizationMessageException", 400),
    /** The policy simulator could not evaluate (SimulatePrincipalPolicy, SimulateCustomPolicy). */
    POLICY_EVALUATION("PolicyEvaluation", 500);

    private final String awsCode;
    private final int httpStatus;

    ErrorCode(String awsCode, int httpStatus) {
        this.awsCode = awsCode;
        this.httpStatus = httpStatus;
    }

    /** The code as AWS spells it on the wire, e.g. {@code NoSuchEntity}. */
    public String awsCode() {
        return awsCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** {@code Sender} for faults of the request, {@code Receiver} for faults of the service. */
    public String faultType() {
        return httpStatus >= 500 ? "Receiver" : "Sender";
    }

    /** The constant whose AWS code is {@code awsCode}, or {@code null}. */
    public static ErrorCode fromAwsCode(String awsCode) {
        for (ErrorCode code : values()) {
            if (code.awsCode.equals(awsCode)) {
                return code;
            }
        }
        return null;
    }
}
