package dev.openiam.policyservice.query;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.policyservice.internal.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Decides whether the caller may perform an action: the one place to swap for the decision API. For now
 * the root user may do everything in its account and every other principal is denied (fail closed), with
 * AWS's AccessDenied wording.
 */
@ApplicationScoped
public class QueryAuthorizer {

    public Uni<Void> authorize(Caller caller, IamAction action, QueryRequest request) {
        if (caller.root()) {
            return Uni.createFrom().voidItem();
        }
        String iamAction = "iam:" + action.name();
        return Uni.createFrom().failure(new IamException(ErrorCode.ACCESS_DENIED, "User: " + caller.arn()
                + " is not authorized to perform: " + iamAction + " on resource: " + action.resource().of(request, caller)
                + " because no identity-based policy allows the " + iamAction + " action"));
    }
}
