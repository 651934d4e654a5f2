package dev.openiam.identity.group.api;

import dev.openiam.identity.auth.CurrentCaller;
import dev.openiam.model.rules.Page;
import dev.openiam.identity.common.Revision;
import dev.openiam.identity.group.domain.Group;
import dev.openiam.identity.group.domain.GroupService;
import dev.openiam.identity.group.domain.GroupWithUsers;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** IAM groups and their members: {@code /v1/accounts/{accountId}/groups}, and a user's groups. */
@Path("/v1/accounts/{accountId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "groups")
public class GroupResource {

    public record CreateGroupRequest(String groupName, String path) {
    }

    public record UpdateGroupRequest(String newGroupName, String newPath) {
    }

    private final GroupService groups;
    private final CurrentCaller caller;

    public GroupResource(GroupService groups, CurrentCaller caller) {
        this.groups = groups;
        this.caller = caller;
    }

    @POST
    @Path("groups")
    @Operation(summary = "CreateGroup")
    public Uni<Response> create(@PathParam("accountId") String accountId, CreateGroupRequest request) {
        CreateGroupRequest body = request == null ? new CreateGroupRequest(null, null) : request;
        return groups.create(accountId, caller.get().arn(), body.groupName(), body.path()).map(Revision::created);
    }

    @GET
    @Path("groups")
    @Operation(summary = "ListGroups")
    public Uni<Page<Group>> list(@PathParam("accountId") String accountId, @QueryParam("pathPrefix") String pathPrefix,
                                 @QueryParam("marker") String marker, @QueryParam("maxItems") Integer maxItems) {
        return groups.list(accountId, pathPrefix, marker, maxItems);
    }

    @GET
    @Path("groups/{groupName}")
    @Operation(summary = "GetGroup")
    public Uni<GroupWithUsers> get(@PathParam("accountId") String accountId, @PathParam("groupName") String groupName,
                                   @QueryParam("marker") String marker, @QueryParam("maxItems") Integer maxItems) {
        return groups.get(accountId, groupName, marker, maxItems);
    }

    @PATCH
    @Path("groups/{groupName}")
    @Operation(summary = "UpdateGroup")
    public Uni<Response> update(@PathParam("accountId") String accountId, @PathParam("groupName") String groupName,
                                UpdateGroupRequest request) {
        UpdateGroupRequest body = request == null ? new UpdateGroupRequest(null, null) : request;
        return groups.update(accountId, caller.get().arn(), groupName, body.newGroupName(), body.newPath()).map(Revision::ok);
    }

    @DELETE
    @Path("groups/{groupName}")
    @Operation(summary = "DeleteGroup")
    public Uni<Response> delete(@PathParam("accountId") String accountId, @PathParam("groupName") String groupName) {
        return groups.delete(accountId, caller.get().arn(), groupName).map(Revision::noContent);
    }

    @PUT
    @Path("groups/{groupName}/users/{userName}")
    @Operation(summary = "AddUserToGroup")
    public Uni<Response> addUser(@PathParam("accountId") String accountId, @PathParam("groupName") String groupName,
                                 @PathParam("userName") String userName) {
        return groups.addUser(accountId, caller.get().arn(), groupName, userName).map(Revision::noContent);
    }

    @DELETE
    @Path("groups/{groupName}/users/{userName}")
    @Operation(summary = "RemoveUserFromGroup")
    public Uni<Response> removeUser(@PathParam("accountId") String accountId, @PathParam("groupName") String groupName,
                                    @PathParam("userName") String userName) {
        return groups.removeUser(accountId, caller.get().arn(), groupName, userName).map(Revision::noContent);
    }

    @GET
    @Path("users/{userName}/groups")
    @Operation(summary = "ListGroupsForUser")
    public Uni<Page<Group>> groupsForUser(@PathParam("accountId") String accountId, @PathParam("userName") String userName,
                                          @QueryParam("marker") String marker, @QueryParam("maxItems") Integer maxItems) {
        return groups.listForUser(accountId, userName, marker, maxItems);
    }
}
