package dev.openiam.identity.user.api;

import dev.openiam.identity.auth.CurrentCaller;
import dev.openiam.model.rules.Page;
import dev.openiam.identity.common.Revision;
import dev.openiam.identity.user.domain.User;
import dev.openiam.identity.user.domain.UserService;
import dev.openiam.model.Tag;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/** IAM users: {@code /v1/accounts/{accountId}/users}. */
@Path("/v1/accounts/{accountId}/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@org.eclipse.microprofile.openapi.annotations.tags.Tag(name = "users")
public class UserResource {

    public record CreateUserRequest(String userName, String path, List<Tag> tags) {
    }

    public record UpdateUserRequest(String newUserName, String newPath) {
    }

    public record TagsRequest(List<Tag> tags) {
    }

    public record TagsResponse(List<Tag> tags) {
    }

    private final UserService users;
    private final CurrentCaller caller;

    public UserResource(UserService users, CurrentCaller caller) {
        this.users = users;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "CreateUser")
    public Uni<Response> create(@PathParam("accountId") String accountId, CreateUserRequest request) {
        CreateUserRequest body = request == null ? new CreateUserRequest(null, null, null) : request;
        return users.create(accountId, caller.get().arn(), body.userName(), body.path(), body.tags()).map(Revision::created);
    }

    @GET
    @Operation(summary = "ListUsers")
    public Uni<Page<User>> list(@PathParam("accountId") String accountId, @QueryParam("pathPrefix") String pathPrefix,
                                @QueryParam("marker") String marker, @QueryParam("maxItems") Integer maxItems) {
        return users.list(accountId, pathPrefix, marker, maxItems);
    }

    @GET
    @Path("{userName}")
    @Operation(summary = "GetUser")
    public Uni<User> get(@PathParam("accountId") String accountId, @PathParam("userName") String userName) {
        return users.get(accountId, userName);
    }

    @PATCH
    @Path("{userName}")
    @Operation(summary = "UpdateUser")
    public Uni<Response> update(@PathParam("accountId") String accountId, @PathParam("userName") String userName,
                                UpdateUserRequest request) {
        UpdateUserRequest body = request == null ? new UpdateUserRequest(null, null) : request;
        return users.update(accountId, caller.get().arn(), userName, body.newUserName(), body.newPath()).map(Revision::ok);
    }

    @DELETE
    @Path("{userName}")
    @Operation(summary = "DeleteUser")
    public Uni<Response> delete(@PathParam("accountId") String accountId, @PathParam("userName") String userName) {
        return users.delete(accountId, caller.get().arn(), userName).map(Revision::noContent);
    }

    @GET
    @Path("{userName}/tags")
    @Operation(summary = "ListUserTags")
    public Uni<TagsResponse> tags(@PathParam("accountId") String accountId, @PathParam("userName") String userName) {
        return users.listTags(accountId, userName).map(TagsResponse::new);
    }

    @POST
    @Path("{userName}/tags")
    @Operation(summary = "TagUser")
    public Uni<Response> tag(@PathParam("accountId") String accountId, @PathParam("userName") String userName,
                             TagsRequest request) {
        return users.tag(accountId, caller.get().arn(), userName, request == null ? null : request.tags())
                .map(committed -> Response.ok(new TagsResponse(committed.value()))
                        .header(Revision.HEADER, committed.revision()).build());
    }

    @DELETE
    @Path("{userName}/tags")
    @Operation(summary = "UntagUser")
    public Uni<Response> untag(@PathParam("accountId") String accountId, @PathParam("userName") String userName,
                               @QueryParam("tagKeys") List<String> tagKeys) {
        return users.untag(accountId, caller.get().arn(), userName, tagKeys == null || tagKeys.isEmpty() ? null : tagKeys)
                .map(committed -> Response.ok(new TagsResponse(committed.value()))
                        .header(Revision.HEADER, committed.revision()).build());
    }
}
