package dev.openiam.audittrail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.model.audit.AuditRecord;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One API call as the front door that took it knows it before it is answered: its event id and time (fixed once, so
 * that every service that records the call writes the same event, which audit-service stores once), the action, the
 * authenticated caller, where it came from and its parameters. {@link #succeeded} and {@link #failed} make its one
 * CloudTrail record; both go through {@link dev.openiam.model.audit.AuditRedaction} when encoded.
 *
 * @param eventSource       {@code iam.amazonaws.com} or {@code sts.amazonaws.com}
 * @param requestParameters the call's parameters as CloudTrail shows them ({@link RequestParameters}); secrets are
 *                          hidden when the record is encoded
 * @param resources         the resources the call names
 */
public record ApiCall(UUID eventId, Instant eventTime, String eventSource, String eventName, String awsRegion,
                      String sourceIp, String userAgent, String requestId, CallerClaims caller, JsonNode requestParameters,
                      boolean readOnly, List<AuditRecord.Resource> resources) {

    public static final String IAM = "iam.amazonaws.com";
    public static final String STS = "sts.amazonaws.com";
    /** IAM is global: CloudTrail records its calls in us-east-1. */
    public static final String GLOBAL_REGION = "us-east-1";

    public ApiCall {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(eventSource, "eventSource");
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(caller.accountId(), "caller's account");
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    /**
     * A Query-protocol call, with a new event id and the time now. {@code params} are the request's parameters as sent
     * (the protocol's own — Action, Version, the presigned {@code X-Amz-*} — are left out).
     */
    public static ApiCall query(String eventSource, String action, Map<String, String> params, CallerClaims caller,
                                String requestId, String sourceIp, String userAgent, boolean readOnly,
                                List<AuditRecord.Resource> resources) {
        return new ApiCall(UUID.randomUUID(), Instant.now(), eventSource, action, GLOBAL_REGION, sourceIp, userAgent, requestId,
                caller, RequestParameters.of(params), readOnly, resources);
    }

    /** The same call as recorded by the service it was forwarded to: same event id, time, origin and request id. */
    public ApiCall forwarded(UUID eventId, Instant eventTime, String sourceIp, String userAgent) {
        return new ApiCall(eventId, eventTime, eventSource, eventName, awsRegion, sourceIp, userAgent, requestId, caller,
                requestParameters, readOnly, resources);
    }

    /** The record of the call's success; a write's {@code result} becomes its {@code responseElements}. */
    public AuditRecord succeeded(Object result) {
        return record(null, null, readOnly ? null : ResponseElements.of(result));
    }

    /** The record of a refused or failed call, with AWS's error code and message. */
    public AuditRecord failed(String errorCode, String errorMessage) {
        return record(Objects.requireNonNull(errorCode, "errorCode"), errorMessage, null);
    }

    private AuditRecord record(String errorCode, String errorMessage, JsonNode responseElements) {
        return new AuditRecord(AuditRecord.EVENT_VERSION, UserIdentities.of(caller), eventTime, eventSource, eventName, awsRegion,
                sourceIp, userAgent, errorCode, errorMessage, requestParameters, responseElements, requestId, eventId, readOnly,
                resources, AuditRecord.API_CALL, true, caller.accountId(), AuditRecord.MANAGEMENT);
    }
}
