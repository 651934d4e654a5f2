package dev.openiam.policyservice.internal;

import java.util.Map;

/**
 * An IAM action forwarded by the front door: the action name, every Query parameter as given, the front
 * door's request id, the identity and policy revisions the caller has seen, and the global condition keys
 * the front door derived from the HTTP request ({@code aws:SourceIp}, {@code aws:CurrentTime}, …).
 */
public record InternalIamRequest(String action, Map<String, String> params, String requestId,
                                 Long atLeastIdentityRevision, Long atLeastPolicyRevision, Map<String, Object> context) {
}
