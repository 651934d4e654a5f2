package dev.openiam.policyservice.inline.query;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.policyservice.common.Principals.Kind;
import dev.openiam.policyservice.inline.domain.InlinePolicyService;
import dev.openiam.policyservice.internal.Caller;
import dev.openiam.policyservice.query.IamAction;
import dev.openiam.policyservice.query.IamAction.Result;
import dev.openiam.policyservice.query.IamActionGroup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** Put/Get/Delete{User,Group,Role}Policy and List{User,Group,Role}Policies. */
@ApplicationScoped
public class InlinePolicyActions implements IamActionGroup {

    private final InlinePolicyService inline;

    public InlinePolicyActions(InlinePolicyService inline) {
        this.inline = inline;
    }

    @Override
    public List<IamAction> actions() {
        List<IamAction> actions = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            String t = kind.title();
            actions.add(new IamAction("Put" + t + "Policy", (q, c) -> put(kind, q, c)));
            actions.add(new IamAction("Get" + t + "Policy", (q, c) -> get(kind, q, c)));
            actions.add(new IamAction("Delete" + t + "Policy", (q, c) -> delete(kind, q, c)));
            actions.add(new IamAction("List" + t + "Policies", (q, c) -> list(kind, q, c)));
        }
        return actions;
    }

    private Uni<Result> put(Kind kind, QueryRequest q, Caller caller) {
        return inline.put(caller, kind, q.required(kind.parameter()), q.required("PolicyName"), q.required("PolicyDocument"))
                .map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> get(Kind kind, QueryRequest q, Caller caller) {
        return inline.get(caller.accountId(), kind, q.required(kind.parameter()), q.required("PolicyName"))
                .map(p -> Result.of(r -> r.text(kind.parameter(), p.principalName()).text("PolicyName", p.policyName())
                        .urlEncodedText("PolicyDocument", p.document())));
    }

    private Uni<Result> delete(Kind kind, QueryRequest q, Caller caller) {
        return inline.delete(caller, kind, q.required(kind.parameter()), q.required("PolicyName"))
                .map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> list(Kind kind, QueryRequest q, Caller caller) {
        return inline.list(caller.accountId(), kind, q.required(kind.parameter()), q.string("Marker"), q.integer("MaxItems"))
                .map(page -> Result.of(r -> r.stringList("PolicyNames", page.items()).page(page.isTruncated(), page.marker())));
    }
}
