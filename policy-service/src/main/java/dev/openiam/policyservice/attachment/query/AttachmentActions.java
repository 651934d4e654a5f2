package dev.openiam.policyservice.attachment.query;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.policyservice.attachment.domain.AttachmentService;
import dev.openiam.policyservice.attachment.domain.PolicyEntities;
import dev.openiam.policyservice.attachment.domain.PolicyEntitiesService;
import dev.openiam.policyservice.common.Principals.Kind;
import dev.openiam.policyservice.internal.Caller;
import dev.openiam.policyservice.query.IamAction;
import dev.openiam.policyservice.query.IamAction.Result;
import dev.openiam.policyservice.query.IamActionGroup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** Attach/Detach{User,Group,Role}Policy, ListAttached{User,Group,Role}Policies and ListEntitiesForPolicy. */
@ApplicationScoped
public class AttachmentActions implements IamActionGroup {

    private final AttachmentService attachments;
    private final PolicyEntitiesService entities;

    public AttachmentActions(AttachmentService attachments, PolicyEntitiesService entities) {
        this.attachments = attachments;
        this.entities = entities;
    }

    @Override
    public List<IamAction> actions() {
        List<IamAction> actions = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            String t = kind.title();
            actions.add(new IamAction("Attach" + t + "Policy", (q, c) -> attach(kind, q, c)));
            actions.add(new IamAction("Detach" + t + "Policy", (q, c) -> detach(kind, q, c)));
            actions.add(new IamAction("ListAttached" + t + "Policies", (q, c) -> listAttached(kind, q, c)));
        }
        actions.add(new IamAction("ListEntitiesForPolicy", this::listEntities));
        return actions;
    }

    private Uni<Result> attach(Kind kind, QueryRequest q, Caller caller) {
        return attachments.attach(caller, kind, q.required(kind.parameter()), q.required("PolicyArn"))
                .map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> detach(Kind kind, QueryRequest q, Caller caller) {
        return attachments.detach(caller, kind, q.required(kind.parameter()), q.required("PolicyArn"))
                .map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> listAttached(Kind kind, QueryRequest q, Caller caller) {
        return attachments.listAttached(caller.accountId(), kind, q.required(kind.parameter()), q.string("PathPrefix"),
                        q.string("Marker"), q.integer("MaxItems"))
                .map(page -> Result.of(r -> r.list("AttachedPolicies", page.items(),
                        (m, p) -> m.text("PolicyName", p.policyName()).text("PolicyArn", p.policyArn()))
                        .page(page.isTruncated(), page.marker())));
    }

    private Uni<Result> listEntities(QueryRequest q, Caller caller) {
        return entities.list(caller.accountId(), q.required("PolicyArn"), q.string("EntityFilter"), q.string("PathPrefix"),
                        q.string("PolicyUsageFilter"), q.string("Marker"), q.integer("MaxItems"))
                .map(found -> Result.of(r -> r
                        .list("PolicyGroups", found.groups(), (m, e) -> entity(m, "Group", e))
                        .list("PolicyUsers", found.users(), (m, e) -> entity(m, "User", e))
                        .list("PolicyRoles", found.roles(), (m, e) -> entity(m, "Role", e))
                        .page(found.isTruncated(), found.marker())));
    }

    private static void entity(dev.openiam.awsprotocol.query.QueryXml.Element m, String title, PolicyEntities.Entity e) {
        m.text(title + "Name", e.name()).text(title + "Id", e.id());
    }
}
