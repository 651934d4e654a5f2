package dev.openiam.identity.query;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.identity.auth.Caller;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Decides whether the caller may perform an action. The root user may do everything in its account;
 * every other principal is denied until policy-service decides for it (fail closed), with AWS's
 * AccessDenied wording.
 */
@ApplicationScoped
public class QueryAuthorizer {

    public void authorize(Caller caller, IamAction action, QueryRequest request) {
        if (caller.root()) {
            return;
        }
        String iamAction = "iam:" + action.name();
        throw new IamException(ErrorCode.ACCESS_DENIED, "User: " + caller.arn() + " is not authorized to perform: "
                + iamAction + " on resource: " + action.resource().of(request, caller)
                + " because no identity-based policy allows the " + iamAction + " action");
    }
}
