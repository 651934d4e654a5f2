package dev.openiam.audit.caller;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Until the shared clients of identity-service's authentication and policy-service's decision API are wired in,
 * nobody is authenticated and nothing is allowed: every request is refused with {@code ServiceUnavailable}.
 */
@ApplicationScoped
public class UnwiredCallers {

    private static final IamException UNAVAILABLE = new IamException(ErrorCode.SERVICE_UNAVAILABLE,
            "callers cannot be authenticated now; retry later");

    @Produces
    @DefaultBean
    @ApplicationScoped
    CallerAuthentication authentication() {
        return request -> Uni.createFrom().failure(UNAVAILABLE);
    }

    @Produces
    @DefaultBean
    @ApplicationScoped
    ActionAuthorization authorization() {
        return (caller, action, resource) -> Uni.createFrom().failure(UNAVAILABLE);
    }
}
