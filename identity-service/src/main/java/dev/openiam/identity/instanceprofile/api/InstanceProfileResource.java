package dev.openiam.identity.instanceprofile.api;

import dev.openiam.identity.auth.CurrentCaller;
import dev.openiam.model.rules.Page;
import dev.openiam.identity.common.Revision;
import dev.openiam.identity.instanceprofile.domain.InstanceProfile;
import dev.openiam.identity.instanceprofile.domain.InstanceProfileService;
import dev.openiam.model.Tag;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

/** Instance profiles: {@code /v1/accounts/{accountId}/instance-profiles}, and a role's profiles. */
@Path("/v1/accounts/{accountId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@org.eclipse.microprofile.openapi.annotations.tags.Tag(name = "instance profiles")
public class InstanceProfileResource {

    public record CreateInstanceProfileRequest(String instanceProfileName, String path, List<Tag> tags) {
    }

    private final InstanceProfileService profiles;
    private final CurrentCaller caller;

    public InstanceProfileResource(InstanceProfileService profiles, CurrentCaller caller) {
        this.profiles = profiles;
        this.caller = caller;
    }

    @POST
    @Path("instance-profiles")
    @Operation(summary = "CreateInstanceProfile")
    public Uni<Response> create(@PathParam("accountId") String accountId, CreateInstanceProfileRequest request) {
        CreateInstanceProfileRequest body = request == null ? new CreateInstanceProfileRequest(null, null, null) : request;
        return profiles.create(accountId, caller.get().arn(), body.instanceProfileName(), body.path(), body.tags())
                .map(Revision::created);
    }

    @GET
    @Path("instance-profiles")
    @Operation(summary = "ListInstanceProfiles")
    public Uni<Page<InstanceProfile>> list(@PathParam("accountId") String accountId, @QueryParam("pathPrefix") String pathPrefix,
                                           @QueryParam("marker") String marker, @QueryParam("maxItems") Integer maxItems) {
        return profiles.list(accountId, pathPrefix, marker, maxItems);
    }

    @GET
    @Path("instance-profiles/{name}")
    @Operation(summary = "GetInstanceProfile")
    public Uni<InstanceProfile> get(@PathParam("accountId") String accountId, @PathParam("name") String name) {
        return profiles.get(accountId, name);
    }

    @DELETE
    @Path("instance-profiles/{name}")
    @Operation(summary = "DeleteInstanceProfile")
    public Uni<Response> delete(@PathParam("accountId") String accountId, @PathParam("name") String name) {
        return profiles.delete(accountId, caller.get().arn(), name).map(Revision::noContent);
    }

    @PUT
    @Path("instance-profiles/{name}/roles/{roleName}")
    @Operation(summary = "AddRoleToInstanceProfile")
    public Uni<Response> addRole(@PathParam("accountId") String accountId, @PathParam("name") String name,
                                 @PathParam("roleName") String roleName) {
        return profiles.addRole(accountId, caller.get().arn(), name, roleName).map(Revision::noContent);
    }

    @DELETE
    @Path("instance-profiles/{name}/roles/{roleName}")
    @Operation(summary = "RemoveRoleFromInstanceProfile")
    public Uni<Response> removeRole(@PathParam("accountId") String accountId, @PathParam("name") String name,
                                    @PathParam("roleName") String roleName) {
        return profiles.removeRole(accountId, caller.get().arn(), name, roleName).map(Revision::noContent);
    }

    @GET
    @Path("roles/{roleName}/instance-profiles")
    @Operation(summary = "ListInstanceProfilesForRole")
    public Uni<Page<InstanceProfile>> forRole(@PathParam("accountId") String accountId, @PathParam("roleName") String roleName,
                                              @QueryParam("marker") String marker, @QueryParam("maxItems") Integer maxItems) {
        return profiles.listForRole(accountId, roleName, marker, maxItems);
    }
}
