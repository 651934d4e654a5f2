package dev.openiam.identity.group.query;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.identity.auth.Caller;
import dev.openiam.identity.group.domain.GroupService;
import dev.openiam.identity.query.IamAction;
import dev.openiam.identity.query.IamAction.Result;
import dev.openiam.identity.query.IamActionGroup;
import dev.openiam.identity.query.IamXml;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** CreateGroup, GetGroup, ListGroups, UpdateGroup, DeleteGroup, AddUserToGroup, RemoveUserFromGroup, ListGroupsForUser. */
@ApplicationScoped
public class GroupActions implements IamActionGroup {

    private final GroupService groups;

    public GroupActions(GroupService groups) {
        this.groups = groups;
    }

    @Override
    public List<IamAction> actions() {
        return List.of(
                new IamAction("CreateGroup", this::create),
                new IamAction("GetGroup", this::get),
                new IamAction("ListGroups", this::list),
                new IamAction("UpdateGroup", this::update),
                new IamAction("DeleteGroup", this::delete),
                new IamAction("AddUserToGroup", this::addUser),
                new IamAction("RemoveUserFromGroup", this::removeUser),
                new IamAction("ListGroupsForUser", this::listForUser));
    }

    private Uni<Result> create(QueryRequest q, Caller caller) {
        return groups.create(caller.accountId(), caller.arn(), q.required("GroupName"), q.string("Path"))
                .map(c -> Result.written(r -> r.element("Group", g -> IamXml.group(g, c.value())), c.revision()));
    }

    private Uni<Result> get(QueryRequest q, Caller caller) {
        return groups.get(caller.accountId(), q.required("GroupName"), q.string("Marker"), q.integer("MaxItems"))
                .map(found -> Result.of(r -> r.element("Group", g -> IamXml.group(g, found.group()))
                        .list("Users", found.users().items(), IamXml::user)
                        .page(found.users().isTruncated(), found.users().marker())));
    }

    private Uni<Result> list(QueryRequest q, Caller caller) {
        return groups.list(caller.accountId(), q.string("PathPrefix"), q.string("Marker"), q.integer("MaxItems"))
                .map(page -> Result.of(r -> r.list("Groups", page.items(), IamXml::group).page(page.isTruncated(), page.marker())));
    }

    private Uni<Result> update(QueryRequest q, Caller caller) {
        return groups.update(caller.accountId(), caller.arn(), q.required("GroupName"), q.string("NewGroupName"), q.string("NewPath"))
                .map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> delete(QueryRequest q, Caller caller) {
        return groups.delete(caller.accountId(), caller.arn(), q.required("GroupName")).map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> addUser(QueryRequest q, Caller caller) {
        return groups.addUser(caller.accountId(), caller.arn(), q.required("GroupName"), q.required("UserName"))
                .map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> removeUser(QueryRequest q, Caller caller) {
        return groups.removeUser(caller.accountId(), caller.arn(), q.required("GroupName"), q.required("UserName"))
                .map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> listForUser(QueryRequest q, Caller caller) {
        return groups.listForUser(caller.accountId(), q.required("UserName"), q.string("Marker"), q.integer("MaxItems"))
                .map(page -> Result.of(r -> r.list("Groups", page.items(), IamXml::group).page(page.isTruncated(), page.marker())));
    }
}
