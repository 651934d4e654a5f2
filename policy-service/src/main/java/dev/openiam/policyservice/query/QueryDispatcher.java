package dev.openiam.policyservice.query;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.awsprotocol.query.QueryXml;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.policyservice.internal.Caller;
import dev.openiam.policyservice.principal.AccountPrincipals;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** Finds the action, authorizes it, runs it and writes its AWS Query XML answer. */
@ApplicationScoped
public class QueryDispatcher {

    public static final String VERSION = "2010-05-08";
    /** The revision a write committed at, for the front door to pass on (read-your-writes). */
    public static final String REVISION_HEADER = "X-Iam-Policy-Revision";

    private final IamActions actions;
    private final QueryAuthorizer authorizer;

    public QueryDispatcher(IamActions actions, QueryAuthorizer authorizer) {
        this.actions = actions;
        this.authorizer = authorizer;
    }

    /**
     * Runs a forwarded action for {@code caller}: {@code principals} is the account's identity state at the
     * front door's revision, {@code callContext} the global condition keys the front door derived.
     */
    public Uni<Response> dispatch(String name, Map<String, String> params, Caller caller, String requestId,
                                  AccountPrincipals principals, Map<String, Object> callContext, long policyRevision) {
        return Uni.createFrom().deferred(() -> {
            QueryRequest query = QueryRequest.of(params == null ? Map.of() : params);
            IamAction action = actions.find(name);
            if (action == null || (query.version() != null && !VERSION.equals(query.version()))) {
                throw new IamException(ErrorCode.INVALID_ACTION, "Could not find operation " + name + " for version "
                        + (query.version() == null ? VERSION : query.version()));
            }
            return authorizer.authorize(caller, action, query, principals, callContext, policyRevision)
                    .chain(() -> action.handler().handle(query, caller))
                    .map(result -> {
                        String xml = result.content() == null
                                ? QueryXml.response(name, QueryXml.IAM_NAMESPACE, requestId)
                                : QueryXml.response(name, QueryXml.IAM_NAMESPACE, requestId, result.content());
                        Response.ResponseBuilder ok = Response.ok(xml, QueryXml.CONTENT_TYPE)
                                .header("x-amzn-RequestId", requestId);
                        if (result.revision() != null) {
                            ok.header(REVISION_HEADER, result.revision());
                        }
                        return ok.build();
                    });
        });
    }
}
