package dev.openiam.policyservice.decision;

import java.util.List;

/**
 * The answer: {@code Allow}, {@code ExplicitDeny} or {@code ImplicitDeny}; the statements that decided it
 * ({@code policy:Sid} or {@code policy:Statement[i]}; {@code null} for an {@code Allow} asked without reasons); for an
 * implicit deny, which policy type did not allow; and AWS's AccessDenied message for a deny.
 */
public record AuthorizeResponse(String decision, List<String> reasons, String missingAllow, String message) {
}
