package dev.openiam.identity.query;

import dev.openiam.authorization.GlobalKeys;
import dev.openiam.authorization.IamAuthorizations;
import dev.openiam.awsprotocol.error.QueryErrors;
import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.awsprotocol.query.QueryXml;
import dev.openiam.awsprotocol.sigv4.HttpRequestData;
import dev.openiam.audittrail.IamCalls;
import dev.openiam.glue.audit.AuditedCall;
import dev.openiam.glue.query.QueryAnswers;
import dev.openiam.glue.query.QueryResource;
import dev.openiam.identity.auth.Caller;
import dev.openiam.identity.common.RestErrors;
import dev.openiam.identity.common.Revision;
import dev.openiam.glue.denial.AuthorizationMessage;
import dev.openiam.glue.denial.AuthorizationMessages;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.outbox.AuditOutbox;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

/**
 * The IAM front door: the AWS Query protocol ({@code Version=2010-05-08}) at {@code /}, as the AWS
 * CLI and SDKs call it with {@code --endpoint-url}. Authenticate (SigV4), find the action, authorize,
 * run it through the same domain services as the REST API, answer AWS XML. Every call that gets as far as a caller
 * and an action is recorded once ({@link AuditedCall}).
 */
@Path("/")
public class QueryEndpoint extends QueryResource {

    public static final String VERSION = "2010-05-08";
    private static final String XML = "text/xml";

    private final SigV4Authenticator authenticator;
    private final IamActions actions;
    private final QueryAuthorizer authorizer;
    private final AuditOutbox auditOutbox;
    private final AuthorizationMessages messages;

    public QueryEndpoint(SigV4Authenticator authenticator, IamActions actions, QueryAuthorizer authorizer, AuditOutbox auditOutbox,
                         AuthorizationMessages messages) {
        this.messages = messages;
        this.authenticator = authenticator;
        this.actions = actions;
        this.authorizer = authorizer;
        this.auditOutbox = auditOutbox;
    }

    @Override
    protected Uni<Response> serve(String method, byte[] body, HttpHeaders headers, HttpServerRequest request) {
        String requestId = UUID.randomUUID().toString();
        return Uni.createFrom().deferred(() -> {
                    HttpRequestData data = QueryAnswers.signed(method, body, headers, request);
                    QueryRequest query = QueryRequest.parse(body, request.query());
                    GlobalKeys.Call call = QueryAnswers.call(headers, request);
                    return authenticator.authenticate(data, "iam").chain(caller -> dispatch(query, caller, requestId, call));
                })
                .onFailure().recoverWithItem(failure -> error(failure, requestId));
    }

    private Uni<Response> dispatch(QueryRequest query, Caller caller, String requestId, GlobalKeys.Call call) {
        String name = query.action();
        if (name == null) {
            throw new IamException(ErrorCode.MISSING_ACTION, "Missing Action");
        }
        IamAction action = actions.find(name);
        if (action == null || (query.version() != null && !VERSION.equals(query.version()))) {
            throw new IamException(ErrorCode.INVALID_ACTION,
                    "Could not find operation " + name + " for version " + (query.version() == null ? VERSION : query.version()));
        }
        // from here on the call has a caller and an action: it gets exactly one audit record, whatever its end
        AuditedCall audit = AuditedCall.begin(IamCalls.of(name, query, caller.claims(), requestId, call.sourceIp(), call.userAgent()));
        return audit.around(Uni.createFrom().deferred(() -> perform(name, action, query, caller, requestId, call)), auditOutbox);
    }

    /** AccessDenied for a rule of IAM's, not a policy: its encoded message names no statement. */
    private IamException denied(Caller caller, String name, String because) {
        return messages.denied("User: " + caller.arn() + " is not authorized to perform: iam:" + name + " " + because,
                AuthorizationMessage.denied(caller.principalId(), caller.arn(), "iam:" + name, null));
    }

    private Uni<Response> perform(String name, IamAction action, QueryRequest query, Caller caller, String requestId,
                                  GlobalKeys.Call call) {
        if (caller.session() != null && "FederatedUser".equals(caller.session().type())) {
            // GetFederationToken's credentials never reach the IAM API, as on AWS
            throw denied(caller, name, "because federated users cannot call IAM");
        }
        if (caller.session() != null && caller.mfaAuthenticatedAt() == null && !caller.session().console()
                && ("IAMUser".equals(caller.session().type()) || "Root".equals(caller.session().type()))) {
            // GetSessionToken's credentials reach the IAM API only when MFA was used, as on AWS
            throw denied(caller, name, "because credentials from GetSessionToken reach the IAM API only when they were obtained with MFA");
        }
        // a forwarded action is authorized where it is performed (policy-service, the decision point), in one hop
        Uni<Void> authorized = action.isForwarded() ? Uni.createFrom().voidItem()
                : authorizer.authorize(caller, IamAuthorizations.get().find(name), query, call);
        return authorized.chain(() -> action.perform(query, caller, requestId, call)).map(result -> {
            if (result.rawXml() != null) {
                return Response.status(result.status()).entity(result.rawXml()).type(XML).header("x-amzn-RequestId", requestId).build();
            }
            String xml = result.content() == null
                    ? QueryXml.response(name, QueryXml.IAM_NAMESPACE, requestId)
                    : QueryXml.response(name, QueryXml.IAM_NAMESPACE, requestId, result.content());
            Response.ResponseBuilder ok = Response.ok(xml, XML).header("x-amzn-RequestId", requestId);
            if (result.revision() != null) {
                ok.header(Revision.HEADER, result.revision());
            }
            return ok.build();
        });
    }

    private static Response error(Throwable failure, String requestId) {
        return QueryAnswers.send(QueryErrors.render(failure, requestId, RestErrors.LOGGED));
    }
}
