package dev.openiam.sts.query;

import dev.openiam.authorization.GlobalKeys;
import dev.openiam.awsprotocol.error.FailureLog;
import dev.openiam.awsprotocol.error.QueryErrors;
import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.awsprotocol.query.QueryXml;
import dev.openiam.awsprotocol.sigv4.HttpRequestData;
import dev.openiam.glue.audit.AuditedCall;
import dev.openiam.glue.query.QueryAnswers;
import dev.openiam.glue.query.QueryResource;
import dev.openiam.glue.session.RequestAuthentication;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.outbox.AuditOutbox;
import dev.openiam.sts.audit.StsCalls;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The STS front door: the AWS Query protocol ({@code Version=2011-06-15}) at {@code /}, as the AWS CLI and SDKs call
 * it with {@code --endpoint-url} or {@code AWS_ENDPOINT_URL_STS}. Authenticate (SigV4, signing name {@code sts}), find
 * the action, let it authorize and perform itself, answer AWS XML in STS's namespace. Every authenticated call of an
 * action is recorded once, before it is answered ({@link StsCalls}).
 */
@Path("/")
public class StsEndpoint extends QueryResource {

    public static final String VERSION = "2011-06-15";
    public static final String SIGNING_NAME = "sts";
    private static final Logger LOG = Logger.getLogger(StsEndpoint.class);
    private static final FailureLog LOGGED = FailureLog.of(LOG::debug, LOG::error);

    private final RequestAuthentication authentication;
    private final Map<String, StsAction> actions = new TreeMap<>();
    private final AuditOutbox auditOutbox;

    public StsEndpoint(RequestAuthentication authentication, Instance<StsActionGroup> groups, AuditOutbox auditOutbox) {
        this.authentication = authentication;
        this.auditOutbox = auditOutbox;
        for (StsActionGroup group : groups) {
            for (StsAction action : group.actions()) {
                if (actions.put(action.name(), action) != null) {
                    throw new IllegalStateException("STS action " + action.name() + " is served twice");
                }
            }
        }
    }

    @Override
    protected Uni<Response> serve(String method, byte[] body, HttpHeaders headers, HttpServerRequest request) {
        String requestId = UUID.randomUUID().toString();
        return Uni.createFrom().deferred(() -> {
                    QueryRequest query = QueryRequest.parse(body, request.query());
                    StsAction action = find(query);
                    GlobalKeys.Call call = QueryAnswers.call(headers, request);
                    Uni<Consumer<QueryXml.Element>> answered = !action.signed()
                            // AssumeRoleWithWebIdentity: unsigned, recorded in the role's account as a WebIdentityUser
                            ? unsigned(query, action, requestId, call)
                            : authenticate(query, action, QueryAnswers.signed(method, body, headers, request))
                                    .chain(caller -> StsCalls.audited(query, action.name(), caller, requestId, call)
                                            .around(Uni.createFrom().deferred(() -> action.handler().handle(query, caller, call)),
                                                    auditOutbox));
                    return answered
                            .map(content -> QueryAnswers.ok(QueryXml.response(action.name(), QueryXml.STS_NAMESPACE, requestId, content),
                                    requestId));
                })
                .onFailure().recoverWithItem(failure ->
                        QueryAnswers.send(QueryErrors.render(QueryXml.STS_NAMESPACE, failure, requestId, LOGGED)));
    }

    private Uni<CallerClaims> authenticate(QueryRequest query, StsAction action, HttpRequestData signed) {
        return action.authenticator() == null ? authentication.authenticate(signed, SIGNING_NAME)
                : action.authenticator().authenticate(query, signed, SIGNING_NAME);
    }

    private Uni<Consumer<QueryXml.Element>> unsigned(QueryRequest query, StsAction action, String requestId, GlobalKeys.Call call) {
        AuditedCall audit = StsCalls.unsigned(query, action.name(), requestId, call);
        Uni<Consumer<QueryXml.Element>> handled = Uni.createFrom().deferred(() -> action.handler().handle(query, null, call));
        return audit == null ? handled : audit.around(handled, auditOutbox);
    }

    private StsAction find(QueryRequest query) {
        String name = query.action();
        if (name == null) {
            throw new IamException(ErrorCode.MISSING_ACTION, "Missing Action");
        }
        StsAction action = actions.get(name);
        if (action == null || (query.version() != null && !VERSION.equals(query.version()))) {
            throw new IamException(ErrorCode.INVALID_ACTION,
                    "Could not find operation " + name + " for version " + (query.version() == null ? VERSION : query.version()));
        }
        return action;
    }
}
