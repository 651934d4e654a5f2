package dev.openiam.policyservice.boundary.query;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.policyservice.boundary.domain.BoundaryService;
import dev.openiam.policyservice.common.Principals.Kind;
import dev.openiam.policyservice.internal.Caller;
import dev.openiam.policyservice.query.IamAction;
import dev.openiam.policyservice.query.IamAction.Result;
import dev.openiam.policyservice.query.IamActionGroup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** Put/Delete{User,Role}PermissionsBoundary. */
@ApplicationScoped
public class BoundaryActions implements IamActionGroup {

    private final BoundaryService boundaries;

    public BoundaryActions(BoundaryService boundaries) {
        this.boundaries = boundaries;
    }

    @Override
    public List<IamAction> actions() {
        List<IamAction> actions = new ArrayList<>();
        for (Kind kind : List.of(Kind.USER, Kind.ROLE)) {
            String t = kind.title();
            actions.add(new IamAction("Put" + t + "PermissionsBoundary", (q, c) -> put(kind, q, c)));
            actions.add(new IamAction("Delete" + t + "PermissionsBoundary", (q, c) -> delete(kind, q, c)));
        }
        return actions;
    }

    private Uni<Result> put(Kind kind, QueryRequest q, Caller caller) {
        return boundaries.put(caller, kind, q.required(kind.parameter()), q.required("PermissionsBoundary"))
                .map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> delete(Kind kind, QueryRequest q, Caller caller) {
        return boundaries.delete(caller, kind, q.required(kind.parameter())).map(c -> Result.empty(c.revision()));
    }
}
