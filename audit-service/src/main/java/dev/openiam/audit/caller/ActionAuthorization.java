package dev.openiam.audit.caller;

import dev.openiam.internalauth.CallerClaims;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.smallrye.mutiny.Uni;

import java.util.Map;

/**
 * Whether the caller's policies allow an action, as policy-service's decision API decides it. Any failure to get a
 * clear answer is a failure, and the request is refused (fail closed).
 */
public interface ActionAuthorization {

    /** The decision, and AWS's message for a deny. */
    record Decision(boolean allowed, String message) {
    }

    /** Whether {@code caller} may do {@code action} on {@code resource}, with the call's condition keys {@code context}. */
    Uni<Decision> authorize(CallerClaims caller, String action, String resource, Map<String, Object> context);

    /** Completes when {@code caller} may do {@code action} on every resource ({@code *}); fails with AccessDenied if not. */
    default Uni<Void> require(CallerClaims caller, String action, Map<String, Object> context) {
        return authorize(caller, action, "*", context).map(decision -> {
            if (!decision.allowed()) {
                throw new IamException(ErrorCode.ACCESS_DENIED, decision.message() != null ? decision.message()
                        : "User: " + caller.arn() + " is not authorized to perform: " + action);
            }
            return null;
        });
    }
}
