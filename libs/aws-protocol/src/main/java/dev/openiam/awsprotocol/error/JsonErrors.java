package dev.openiam.awsprotocol.error;

import dev.openiam.model.ErrorCode;

import java.util.EnumMap;
import java.util.Map;

/**
 * The AWS JSON 1.1 protocol's error renderer (CloudTrail, and any other {@code "protocol": "json"} service):
 * {@code {"__type": "<Code>", "message": "…"}} with the code's HTTP status, as botocore and the SDKs read it. The
 * codes every service shares are spelled as JSON services spell them ({@code AccessDeniedException},
 * {@code UnrecognizedClientException} for an unknown access key, {@code InvalidSignatureException}, …); a
 * service's own codes ({@code InvalidLookupAttributesException}) are written as they are.
 */
public final class JsonErrors {

    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    /** The Query protocol's spelling of a shared code → the JSON protocol's. */
    private static final Map<ErrorCode, String> JSON_SPELLING = new EnumMap<>(Map.of(
            ErrorCode.VALIDATION_ERROR, "ValidationException",
            ErrorCode.ACCESS_DENIED, "AccessDeniedException",
            ErrorCode.INVALID_CLIENT_TOKEN_ID, "UnrecognizedClientException",
            ErrorCode.SIGNATURE_DOES_NOT_MATCH, "InvalidSignatureException",
            ErrorCode.MISSING_AUTHENTICATION_TOKEN, "MissingAuthenticationTokenException",
            ErrorCode.INCOMPLETE_SIGNATURE, "IncompleteSignatureException",
            ErrorCode.EXPIRED_TOKEN, "ExpiredTokenException",
            ErrorCode.SERVICE_UNAVAILABLE, "ServiceUnavailableException",
            ErrorCode.SERVICE_FAILURE, "InternalFailure"));

    private JsonErrors() {
    }

    /** {@code failure} as a JSON 1.1 error, reported to {@code log}. */
    public static ErrorAnswer render(Throwable failure, String requestId, FailureLog log) {
        return render(log.report(ClientError.of(failure), failure), requestId);
    }

    /** An error already decided (and logged) by the caller. */
    public static ErrorAnswer render(ClientError error, String requestId) {
        String body = "{\"__type\":" + ProblemErrors.string(code(error.code())) + ",\"message\":"
                + ProblemErrors.string(error.message()) + "}";
        return new ErrorAnswer(error.status(), CONTENT_TYPE, body, requestId);
    }

    /** How {@code code} is spelled in a JSON 1.1 error. */
    public static String code(ErrorCode code) {
        return JSON_SPELLING.getOrDefault(code, code.awsCode());
    }
}
