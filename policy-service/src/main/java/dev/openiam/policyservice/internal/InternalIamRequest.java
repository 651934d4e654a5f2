package dev.openiam.policyservice.internal;

import dev.openiam.audittrail.ApiCall;
import dev.openiam.audittrail.IamCalls;
import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.internalauth.CallerClaims;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;

/**
 * An IAM action forwarded by the front door: the action name, every Query parameter as given, the front
 * door's request id, the identity and policy revisions the caller has seen, and the global condition keys
 * the front door derived from the HTTP request ({@code aws:SourceIp}, {@code aws:CurrentTime}, …), and the call's
 * audit facts ({@code eventId}, {@code eventTime}, {@code sourceIp}, {@code userAgent}: this service records the call
 * under the front door's event).
 */
public record InternalIamRequest(String action, Map<String, String> params, String requestId,
                                 Long atLeastIdentityRevision, Long atLeastPolicyRevision, Map<String, Object> context,
                                 Map<String, String> audit) {

    /** The call to record, as the front door took it (or, without its audit facts, as of now). */
    public ApiCall auditedCall(CallerClaims caller, String requestId) {
        ApiCall call = IamCalls.of(action, QueryRequest.of(params == null ? Map.of() : params), caller, requestId,
                audit == null ? null : audit.get("sourceIp"), audit == null ? null : audit.get("userAgent"));
        if (audit == null || audit.get("eventId") == null || audit.get("eventTime") == null) {
            return call;
        }
        try {
            return call.forwarded(UUID.fromString(audit.get("eventId")), Instant.parse(audit.get("eventTime")),
                    audit.get("sourceIp"), audit.get("userAgent"));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return call;
        }
    }
}
