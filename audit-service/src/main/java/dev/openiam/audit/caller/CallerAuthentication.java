package dev.openiam.audit.caller;

import dev.openiam.awsprotocol.sigv4.HttpRequestData;
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

    /** The caller of {@code request} as received (method, path and query still encoded, headers, body). */
    Uni<CallerClaims> authenticate(HttpRequestData request);
}
