package dev.openiam.audit.caller;

import dev.openiam.internalauth.CallerClaims;
import io.smallrye.mutiny.Uni;

/**
 * Who signed a request (SigV4, signing name {@code cloudtrail}). The secret lives only in identity-service, so the
 * answer is identity-service's ({@code POST /internal/v1/authenticate}); a bad signature fails with the caller's AWS
 * error, no answer with {@code ServiceUnavailable}.
 */
public interface CallerAuthentication {

    /** The signing name CloudTrail requests are signed for. */
    String SERVICE = "cloudtrail";

    Uni<CallerClaims> authenticate(SignedRequest request);
}
