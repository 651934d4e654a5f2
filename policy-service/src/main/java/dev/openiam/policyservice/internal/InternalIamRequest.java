package dev.openiam.policyservice.internal;

import java.util.Map;

/**
 * An IAM action forwarded by the front door: the action name, every Query parameter as given, the front
 * door's request id, and the identity revision the caller has seen.
 */
public record InternalIamRequest(String action, Map<String, String> params, String requestId,
                                 Long atLeastIdentityRevision) {
}
