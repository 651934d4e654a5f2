package dev.openiam.identity.role.api;

import dev.openiam.identity.auth.CurrentCaller;
import dev.openiam.model.rules.Page;
import dev.openiam.identity.common.Revision;
import dev.openiam.identity.role.domain.Role;
import dev.openiam.identity.role.domain.RoleService;
import dev.openiam.model.Tag;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/** IAM roles: {@code /v1/accounts/{accountId}/roles}. */
@Path("/v1/accounts/{accountId}/roles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@org.eclipse.microprofile.openapi.annotations.tags.Tag(name = "roles")
public class RoleResource {

    public record CreateRoleRequest(String roleName, String path, String assumeRolePolicyDocument, String description,
                                    Integer maxSessionDuration, List<Tag> tags) {
    }

    public record UpdateRoleRequest(String description, Integer maxSessionDuration) {
    }

    public record TrustPolicyRequest(String policyDocument) {
    }

    public record TagsRequest(List<Tag> tags) {
    }

    public record TagsResponse(List<Tag> tags) {
    }

    private final RoleService roles;
    private final CurrentCaller caller;

    public RoleResource(RoleService roles, CurrentCaller caller) {
        this.roles = roles;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "CreateRole")
    public Uni<Response> create(@PathParam("accountId") String accountId, CreateRoleRequest request) {
        CreateRoleRequest body = request == null ? new CreateRoleRequest(null, null, null, null, null, null) : request;
        return roles.create(accountId, caller.get().arn(), new RoleService.CreateRole(body.roleName(), body.path(),
                body.assumeRolePolicyDocument(), body.description(), body.maxSessionDuration(), body.tags())).map(Revision::created);
    }

    @GET
    @Operation(summary = "ListRoles")
    public Uni<Page<Role>> list(@PathParam("accountId") String accountId, @QueryParam("pathPrefix") String pathPrefix,
                                @QueryParam("marker") String marker, @QueryParam("maxItems") Integer maxItems) {
        return roles.list(accountId, pathPrefix, marker, maxItems);
    }

    @GET
    @Path("{roleName}")
    @Operation(summary = "GetRole")
    public Uni<Role> get(@PathParam("accountId") String accountId, @PathParam("roleName") String roleName) {
        return roles.get(accountId, roleName);
    }

    @PATCH
    @Path("{roleName}")
    @Operation(summary = "UpdateRole, UpdateRoleDescription")
    public Uni<Response> update(@PathParam("accountId") String accountId, @PathParam("roleName") String roleName,
                                UpdateRoleRequest request) {
        UpdateRoleRequest body = request == null ? new UpdateRoleRequest(null, null) : request;
        return roles.update(accountId, caller.get().arn(), roleName, body.description(), body.maxSessionDuration())
                .map(Revision::ok);
    }

    @PUT
    @Path("{roleName}/trust-policy")
    @Operation(summary = "UpdateAssumeRolePolicy")
    public Uni<Response> updateTrustPolicy(@PathParam("accountId") String accountId, @PathParam("roleName") String roleName,
                                           TrustPolicyRequest request) {
        return roles.updateTrustPolicy(accountId, caller.get().arn(), roleName, request == null ? null : request.policyDocument())
                .map(Revision::ok);
    }

    @DELETE
    @Path("{roleName}")
    @Operation(summary = "DeleteRole")
    public Uni<Response> delete(@PathParam("accountId") String accountId, @PathParam("roleName") String roleName) {
        return roles.delete(accountId, caller.get().arn(), roleName).map(Revision::noContent);
    }

    @GET
    @Path("{roleName}/tags")
    @Operation(summary = "ListRoleTags")
    public Uni<TagsResponse> tags(@PathParam("accountId") String accountId, @PathParam("roleName") String roleName) {
        return roles.listTags(accountId, roleName).map(TagsResponse::new);
    }

    @POST
    @Path("{roleName}/tags")
    @Operation(summary = "TagRole")
    public Uni<Response> tag(@PathParam("accountId") String accountId, @PathParam("roleName") String roleName,
                             TagsRequest request) {
        return roles.tag(accountId, caller.get().arn(), roleName, request == null ? null : request.tags())
                .map(committed -> Response.ok(new TagsResponse(committed.value()))
                        .header(Revision.HEADER, committed.revision()).build());
    }

    @DELETE
    @Path("{roleName}/tags")
    @Operation(summary = "UntagRole")
    public Uni<Response> untag(@PathParam("accountId") String accountId, @PathParam("roleName") String roleName,
                               @QueryParam("tagKeys") List<String> tagKeys) {
        return roles.untag(accountId, caller.get().arn(), roleName, tagKeys == null || tagKeys.isEmpty() ? null : tagKeys)
                .map(committed -> Response.ok(new TagsResponse(committed.value()))
                        .header(Revision.HEADER, committed.revision()).build());
    }
}
