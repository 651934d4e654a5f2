package dev.openiam.audit.caller;

import dev.openiam.internalauth.CallerClaims;
import io.smallrye.mutiny.Uni;

/**
 * Whether the caller's policies allow an action, as policy-service's decision API decides it. Any failure to get a
 * clear answer is a failure, and the request is refused (fail closed).
 */
public interface ActionAuthorization {

    /** The decision, and AWS's message for a deny. */
    record Decision(boolean allowed, String message) {
    }

    Uni<Decision> authorize(CallerClaims caller, String action, String resource);
}
