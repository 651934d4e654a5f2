package dev.openiam.identity.accesskey.internal;

import dev.openiam.identity.accesskey.domain.AccessKeyService;
import dev.openiam.identity.auth.internal.InternalRequests;
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

/**
 * For sts-service's GetAccessKeyInfo: the account a long-term access key ({@code AKIA…}) belongs to, whatever its
 * status; NoSuchEntity when there is no such key (never made, or deleted). Nothing else about the key is answered.
 * Callers present a token of purpose {@code access-key-lookup} bound to this exact body.
 */
@Path(AccessKeyLookupResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class AccessKeyLookupResource {

    public static final String PATH = "/internal/v1/access-keys/lookup";

    public record LookupRequest(String accessKeyId) {
    }

    public record LookupAnswer(String accountId) {
    }

    private final AccessKeyService keys;
    private final InternalRequests requests;

    public AccessKeyLookupResource(AccessKeyService keys, InternalRequests requests) {
        this.keys = keys;
        this.requests = requests;
    }

    @POST
    @Operation(summary = "The account a long-term access key belongs to (for sts-service)")
    public Uni<LookupAnswer> lookup(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        LookupRequest request = requests.read(authorization, Purpose.ACCESS_KEY_LOOKUP, PATH, body, LookupRequest.class,
                "accessKeyId is required");
        if (request.accessKeyId() == null) {
            throw IamException.validation("accessKeyId is required");
        }
        return keys.accountOf(request.accessKeyId()).map(LookupAnswer::new);
    }
}
