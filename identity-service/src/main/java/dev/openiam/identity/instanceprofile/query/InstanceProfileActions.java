package dev.openiam.identity.instanceprofile.query;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.identity.auth.Caller;
import dev.openiam.identity.instanceprofile.domain.InstanceProfileService;
import dev.openiam.identity.query.IamAction;
import dev.openiam.identity.query.IamAction.Result;
import dev.openiam.identity.query.IamActionGroup;
import dev.openiam.identity.query.IamXml;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Create/Get/List/DeleteInstanceProfile, Add/RemoveRoleToInstanceProfile, ListInstanceProfilesForRole. */
@ApplicationScoped
public class InstanceProfileActions implements IamActionGroup {

    private final InstanceProfileService profiles;

    public InstanceProfileActions(InstanceProfileService profiles) {
        this.profiles = profiles;
    }

    @Override
    public List<IamAction> actions() {
        return List.of(
                new IamAction("CreateInstanceProfile", this::create),
                new IamAction("GetInstanceProfile", this::get),
                new IamAction("ListInstanceProfiles", this::list),
                new IamAction("DeleteInstanceProfile", this::delete),
                new IamAction("AddRoleToInstanceProfile", this::addRole),
                new IamAction("RemoveRoleFromInstanceProfile", this::removeRole),
                new IamAction("ListInstanceProfilesForRole", this::listForRole));
    }

    private Uni<Result> create(QueryRequest q, Caller caller) {
        return profiles.create(caller.accountId(), caller.arn(), q.required("InstanceProfileName"), q.string("Path"), q.tags("Tags"))
                .map(c -> Result.written(r -> r.element("InstanceProfile", e -> IamXml.instanceProfile(e, c.value())), c.revision()));
    }

    private Uni<Result> get(QueryRequest q, Caller caller) {
        return profiles.get(caller.accountId(), q.required("InstanceProfileName"))
                .map(found -> Result.of(r -> r.element("InstanceProfile", e -> IamXml.instanceProfile(e, found))));
    }

    private Uni<Result> list(QueryRequest q, Caller caller) {
        return profiles.list(caller.accountId(), q.string("PathPrefix"), q.string("Marker"), q.integer("MaxItems"))
                .map(page -> Result.of(r -> r.list("InstanceProfiles", page.items(), IamXml::instanceProfile)
                        .page(page.isTruncated(), page.marker())));
    }

    private Uni<Result> delete(QueryRequest q, Caller caller) {
        return profiles.delete(caller.accountId(), caller.arn(), q.required("InstanceProfileName")).map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> addRole(QueryRequest q, Caller caller) {
        return profiles.addRole(caller.accountId(), caller.arn(), q.required("InstanceProfileName"), q.required("RoleName"))
                .map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> removeRole(QueryRequest q, Caller caller) {
        return profiles.removeRole(caller.accountId(), caller.arn(), q.required("InstanceProfileName"), q.required("RoleName"))
                .map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> listForRole(QueryRequest q, Caller caller) {
        return profiles.listForRole(caller.accountId(), q.required("RoleName"), q.string("Marker"), q.integer("MaxItems"))
                .map(page -> Result.of(r -> r.list("InstanceProfiles", page.items(), IamXml::instanceProfile)
                        .page(page.isTruncated(), page.marker())));
    }
}
