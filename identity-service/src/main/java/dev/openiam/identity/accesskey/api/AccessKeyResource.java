package dev.openiam.identity.accesskey.api;

import dev.openiam.identity.accesskey.domain.AccessKey;
import dev.openiam.identity.accesskey.domain.AccessKeyLastUsed;
import dev.openiam.identity.accesskey.domain.AccessKeyService;
import dev.openiam.identity.auth.CurrentCaller;
import dev.openiam.identity.common.Revision;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Access keys of users ({@code /users/{userName}/access-keys}) and of the root user
 * ({@code /root/access-keys}). The secret is in the creation answer only.
 */
@Path("/v1/accounts/{accountId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "access keys")
public class AccessKeyResource {

    public record UpdateAccessKeyRequest(String status) {
    }

    public record AccessKeysResponse(List<AccessKey> accessKeys) {
    }

    private final AccessKeyService keys;
    private final CurrentCaller caller;

    public AccessKeyResource(AccessKeyService keys, CurrentCaller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @POST
    @Path("users/{userName}/access-keys")
    @Operation(summary = "CreateAccessKey")
    public Uni<Response> create(@PathParam("accountId") String accountId, @PathParam("userName") String userName) {
        return keys.create(accountId, caller.get().arn(), userName).map(Revision::created);
    }

    @POST
    @Path("root/access-keys")
    @Operation(summary = "CreateAccessKey (root)")
    public Uni<Response> createRoot(@PathParam("accountId") String accountId) {
        return keys.create(accountId, caller.get().arn(), null).map(Revision::created);
    }

    @GET
    @Path("users/{userName}/access-keys")
    @Operation(summary = "ListAccessKeys")
    public Uni<AccessKeysResponse> list(@PathParam("accountId") String accountId, @PathParam("userName") String userName) {
        return keys.list(accountId, userName).map(AccessKeysResponse::new);
    }

    @GET
    @Path("root/access-keys")
    @Operation(summary = "ListAccessKeys (root)")
    public Uni<AccessKeysResponse> listRoot(@PathParam("accountId") String accountId) {
        return keys.list(accountId, null).map(AccessKeysResponse::new);
    }

    @PATCH
    @Path("users/{userName}/access-keys/{accessKeyId}")
    @Operation(summary = "UpdateAccessKey")
    public Uni<Response> update(@PathParam("accountId") String accountId, @PathParam("userName") String userName,
                                @PathParam("accessKeyId") String accessKeyId, UpdateAccessKeyRequest request) {
        return keys.updateStatus(accountId, caller.get().arn(), userName, accessKeyId, request == null ? null : request.status())
                .map(Revision::ok);
    }

    @PATCH
    @Path("root/access-keys/{accessKeyId}")
    @Operation(summary = "UpdateAccessKey (root)")
    public Uni<Response> updateRoot(@PathParam("accountId") String accountId, @PathParam("accessKeyId") String accessKeyId,
                                    UpdateAccessKeyRequest request) {
        return keys.updateStatus(accountId, caller.get().arn(), null, accessKeyId, request == null ? null : request.status())
                .map(Revision::ok);
    }

    @DELETE
    @Path("users/{userName}/access-keys/{accessKeyId}")
    @Operation(summary = "DeleteAccessKey")
    public Uni<Response> delete(@PathParam("accountId") String accountId, @PathParam("userName") String userName,
                                @PathParam("accessKeyId") String accessKeyId) {
        return keys.delete(accountId, caller.get().arn(), userName, accessKeyId).map(Revision::noContent);
    }

    @DELETE
    @Path("root/access-keys/{accessKeyId}")
    @Operation(summary = "DeleteAccessKey (root)")
    public Uni<Response> deleteRoot(@PathParam("accountId") String accountId, @PathParam("accessKeyId") String accessKeyId) {
        return keys.delete(accountId, caller.get().arn(), null, accessKeyId).map(Revision::noContent);
    }

    @GET
    @Path("access-keys/{accessKeyId}/last-used")
    @Operation(summary = "GetAccessKeyLastUsed")
    public Uni<AccessKeyLastUsed> lastUsed(@PathParam("accountId") String accountId, @PathParam("accessKeyId") String accessKeyId) {
        return keys.lastUsed(accountId, accessKeyId);
    }
}
