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
 * @param identity          who made an unsigned call (a web identity), in place of the {@code caller} it has not;
 *                          {@code null} for a signed call, whose identity is its caller's
 */
public record ApiCall(UUID eventId, Instant eventTime, String eventSource, String eventName, String awsRegion,
                      String sourceIp, String userAgent, String requestId, CallerClaims caller, JsonNode requestParameters,
                      boolean readOnly, List<AuditRecord.Resource> resources, AuditRecord.UserIdentity identity) {

    public static final String IAM = "iam.amazonaws.com";
    public static final String STS = "sts.amazonaws.com";
    /** IAM is global: CloudTrail records its calls in us-east-1. */
    public static final String GLOBAL_REGION = "us-east-1";

    public ApiCall {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(eventSource, "eventSource");
        Objects.requireNonNull(eventName, "eventName");
        if (identity == null) {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(caller.accountId(), "caller's account");
        } else {
            Objects.requireNonNull(identity.accountId(), "the account of the unsigned call");
        }
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
                caller, RequestParameters.of(params), readOnly, resources, null);
    }

    /**
     * An unsigned Query-protocol call (AssumeRoleWithWebIdentity), recorded in the account of {@code identity} as who
     * made it; {@link #identifiedAs} names it better once its token is verified.
     */
    public static ApiCall unsigned(String eventSource, String action, Map<String, String> params, AuditRecord.UserIdentity identity,
                                   String requestId, String sourceIp, String userAgent, boolean readOnly,
                                   List<AuditRecord.Resource> resources) {
        return new ApiCall(UUID.randomUUID(), Instant.now(), eventSource, action, GLOBAL_REGION, sourceIp, userAgent, requestId,
                null, RequestParameters.of(params), readOnly, resources, Objects.requireNonNull(identity, "identity"));
    }

    /** The same unsigned call, made by {@code identity} (of the same account). */
    public ApiCall identifiedAs(AuditRecord.UserIdentity identity) {
        if (this.identity == null || !this.identity.accountId().equals(identity.accountId())) {
            throw new IllegalArgumentException("only an unsigned call is identified, within its account");
        }
        return new ApiCall(eventId, eventTime, eventSource, eventName, awsRegion, sourceIp, userAgent, requestId, null,
                requestParameters, readOnly, resources, identity);
    }

    /** The same call as recorded by the service it was forwarded to: same event id, time, origin and request id. */
    public ApiCall forwarded(UUID eventId, Instant eventTime, String sourceIp, String userAgent) {
        return new ApiCall(eventId, eventTime, eventSource, eventName, awsRegion, sourceIp, userAgent, requestId, caller,
                requestParameters, readOnly, resources, identity);
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
        AuditRecord.UserIdentity who = identity != null ? identity : UserIdentities.of(caller);
        return new AuditRecord(AuditRecord.EVENT_VERSION, who, eventTime, eventSource, eventName, awsRegion,
                sourceIp, userAgent, errorCode, errorMessage, requestParameters, responseElements, requestId, eventId, readOnly,
                resources, AuditRecord.API_CALL, true, who.accountId(), AuditRecord.MANAGEMENT);
    }
}
