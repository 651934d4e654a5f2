package dev.openiam.identity.auth.internal;

import dev.openiam.awsprotocol.sigv4.HttpRequestData;
import dev.openiam.identity.auth.Caller;
import dev.openiam.identity.query.SigV4Authenticator;
import dev.openiam.internalauth.Purpose;
import dev.openiam.model.IamException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * For other services (policy-service's decision API, sts-service, audit-service): authenticates a SigV4 request
 * they received, signed with a long-term access key or temporary credentials, and answers who signed it (with the session's
 * context for temporary credentials). The secret never leaves
 * identity-service. Callers present a token of purpose {@code authenticate} signed with their own key and bound
 * to this exact body; anything else is refused.
 */
// the class at the parent path, each endpoint a method's: the batch twin "authenticate:batch" is no sub-path of "authenticate"
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class InternalAuthenticationResource {

    public static final String PATH = "/internal/v1/authenticate";
    /** The batch twin ({@link InternalBatches}): the requests a front door received meanwhile, in one call. */
    public static final String BATCH_PATH = PATH + ":batch";

    /** The request as the calling service received it; {@code body} is base64. */
    public record AuthenticateRequest(String service, String method, String rawPath, String rawQuery,
                                      Map<String, List<String>> headers, String body) {

        /** The request as received; ValidationError when it names no service, method or path, or its body is not base64. */
        public HttpRequestData toRequest() {
            if (service == null || method == null || rawPath == null) {
                throw IamException.validation("service, method and rawPath are required");
            }
            try {
                return new HttpRequestData(method, rawPath, rawQuery, headers, body == null ? new byte[0] : Base64.getDecoder().decode(body));
            } catch (IllegalArgumentException e) {
                throw IamException.validation("body must be base64");
            }
        }
    }

    private final SigV4Authenticator authenticator;
    private final InternalRequests requests;

    public InternalAuthenticationResource(SigV4Authenticator authenticator, InternalRequests requests) {
        this.authenticator = authenticator;
        this.requests = requests;
    }

    @POST
    @Path("authenticate")
    @Operation(summary = "Authenticate a SigV4-signed request made with a long-term access key")
    public Uni<Map<String, Object>> authenticate(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return claims(requests.read(authorization, Purpose.AUTHENTICATE, PATH, body, AuthenticateRequest.class,
                "service, method and rawPath are required"));
    }

    public record AuthenticateBatch(List<AuthenticateRequest> requests) {
    }

    @POST
    @Path("authenticate:batch")
    @Operation(summary = "Authenticate several SigV4-signed requests, answers in the same order")
    public Uni<InternalBatches.Results> authenticateBatch(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        AuthenticateBatch batch = requests.read(authorization, Purpose.AUTHENTICATE, BATCH_PATH, body, AuthenticateBatch.class,
                "the body must be a JSON object with requests, each a signed request");
        return InternalBatches.answer(batch.requests(), this::claims);
    }

    /** Who signed {@code request}, as the caller's claims. */
    private Uni<Map<String, Object>> claims(AuthenticateRequest request) {
        return authenticator.authenticate(request.toRequest(), request.service()).map(caller -> caller.claims().toMap());
    }
}
