package dev.openiam.identity.role.query;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.identity.auth.Caller;
import dev.openiam.model.rules.PageRequest;
import dev.openiam.identity.query.IamAction;
import dev.openiam.identity.query.IamAction.Result;
import dev.openiam.identity.query.IamActionGroup;
import dev.openiam.identity.policyforward.BoundaryCopy;
import dev.openiam.identity.query.IamXml;
import dev.openiam.identity.role.domain.RoleService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;

/** CreateRole, GetRole, ListRoles, UpdateRole, UpdateRoleDescription, DeleteRole, UpdateAssumeRolePolicy, Tag/Untag/ListRoleTags. */
@ApplicationScoped
public class RoleActions implements IamActionGroup {

    private final RoleService roles;
    private final BoundaryCopy boundaries;

    public RoleActions(RoleService roles, BoundaryCopy boundaries) {
        this.roles = roles;
        this.boundaries = boundaries;
    }

    @Override
    public List<IamAction> actions() {
        return List.of(
                new IamAction("CreateRole", this::create),
                new IamAction("GetRole", this::get),
                new IamAction("ListRoles", this::list),
                new IamAction("UpdateRole", this::update),
                new IamAction("UpdateRoleDescription", this::updateDescription),
                new IamAction("DeleteRole", this::delete),
                new IamAction("UpdateAssumeRolePolicy", this::updateTrust),
                new IamAction("TagRole", this::tag),
                new IamAction("UntagRole", this::untag),
                new IamAction("ListRoleTags", this::listTags));
    }

    private Uni<Result> create(QueryRequest q, Caller caller) {
        return roles.create(caller.accountId(), caller.arn(), new RoleService.CreateRole(q.required("RoleName"), q.string("Path"),
                        q.required("AssumeRolePolicyDocument"), q.string("Description"), q.integer("MaxSessionDuration"),
                        q.tags("Tags")), q.string("PermissionsBoundary"),
                        q.string("PermissionsBoundary") == null ? null : boundaries.preset(caller, "role", q.string("PermissionsBoundary")))
                .map(c -> Result.written(r -> r.element("Role", e -> IamXml.role(e, c.value())), c.revision()));
    }

    private Uni<Result> get(QueryRequest q, Caller caller) {
        return roles.get(caller.accountId(), q.required("RoleName"))
                .map(found -> Result.of(r -> r.element("Role", e -> IamXml.role(e, found))));
    }

    private Uni<Result> list(QueryRequest q, Caller caller) {
        return roles.list(caller.accountId(), q.string("PathPrefix"), q.string("Marker"), q.integer("MaxItems"))
                .map(page -> Result.of(r -> r.list("Roles", page.items(), IamXml::role).page(page.isTruncated(), page.marker())));
    }

    /** UpdateRole answers an empty UpdateRoleResult. */
    private Uni<Result> update(QueryRequest q, Caller caller) {
        return roles.update(caller.accountId(), caller.arn(), q.required("RoleName"), q.string("Description"),
                q.integer("MaxSessionDuration")).map(c -> Result.written(r -> { }, c.revision()));
    }

    private Uni<Result> updateDescription(QueryRequest q, Caller caller) {
        return roles.update(caller.accountId(), caller.arn(), q.required("RoleName"), q.required("Description"), null)
                .map(c -> Result.written(r -> r.element("Role", e -> IamXml.role(e, c.value())), c.revision()));
    }

    private Uni<Result> delete(QueryRequest q, Caller caller) {
        return roles.delete(caller.accountId(), caller.arn(), q.required("RoleName")).map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> updateTrust(QueryRequest q, Caller caller) {
        return roles.updateTrustPolicy(caller.accountId(), caller.arn(), q.required("RoleName"), q.required("PolicyDocument"))
                .map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> tag(QueryRequest q, Caller caller) {
        return roles.tag(caller.accountId(), caller.arn(), q.required("RoleName"), q.tags("Tags")).map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> untag(QueryRequest q, Caller caller) {
        List<String> keys = q.list("TagKeys");
        return roles.untag(caller.accountId(), caller.arn(), q.required("RoleName"), keys.isEmpty() ? null : keys)
                .map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> listTags(QueryRequest q, Caller caller) {
        PageRequest page = PageRequest.of(q.string("Marker"), q.integer("MaxItems"));
        return roles.listTags(caller.accountId(), q.required("RoleName")).map(tags -> {
            var slice = page.slice(tags, tag -> tag.key().toLowerCase(Locale.ROOT));
            return Result.of(r -> r.tags("Tags", slice.items()).page(slice.isTruncated(), slice.marker()));
        });
    }
}
