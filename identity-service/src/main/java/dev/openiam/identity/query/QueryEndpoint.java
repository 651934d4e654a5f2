package dev.openiam.identity.query;

import dev.openiam.authorization.GlobalKeys;
import dev.openiam.authorization.IamAuthorizations;
import dev.openiam.awsprotocol.error.QueryErrors;
import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.awsprotocol.query.QueryXml;
import dev.openiam.awsprotocol.sigv4.HttpRequestData;
import dev.openiam.identity.auth.Caller;
import dev.openiam.identity.common.RestErrors;
import dev.openiam.identity.common.Revision;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The IAM front door: the AWS Query protocol ({@code Version=2010-05-08}) at {@code /}, as the AWS
 * CLI and SDKs call it with {@code --endpoint-url}. Authenticate (SigV4), find the action, authorize,
 * run it through the same domain services as the REST API, answer AWS XML.
 */
@Path("/")
public class QueryEndpoint {

    public static final String VERSION = "2010-05-08";
    private static final String XML = "text/xml";

    private final SigV4Authenticator authenticator;
    private final IamActions actions;
    private final QueryAuthorizer authorizer;

    public QueryEndpoint(SigV4Authenticator authenticator, IamActions actions, QueryAuthorizer authorizer) {
        this.authenticator = authenticator;
        this.actions = actions;
        this.authorizer = authorizer;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Uni<Response> post(byte[] body, @Context HttpHeaders headers, @Context HttpServerRequest request) {
        return serve("POST", body, headers, request);
    }

    @GET
    @Operation(hidden = true)
    public Uni<Response> get(@Context HttpHeaders headers, @Context HttpServerRequest request) {
        return serve("GET", new byte[0], headers, request);
    }

    private Uni<Response> serve(String method, byte[] body, HttpHeaders headers, HttpServerRequest request) {
        String requestId = UUID.randomUUID().toString();
        return Uni.createFrom().deferred(() -> {
                    HttpRequestData data = new HttpRequestData(method, request.path(), request.query(), copy(headers, request), body);
                    QueryRequest query = QueryRequest.parse(body, request.query());
                    GlobalKeys.Call call = new GlobalKeys.Call(
                            request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                            request.isSSL(), headers.getHeaderString("User-Agent"));
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
        return RestErrors.send(QueryErrors.render(failure, requestId, RestErrors.LOGGED));
    }

    /** The headers as signed; over HTTP/2 the host travels as {@code :authority}, which SigV4 signs as {@code host}. */
    private static Map<String, List<String>> copy(HttpHeaders headers, HttpServerRequest request) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> copy.put(name, new ArrayList<>(values)));
        if (headers.getHeaderString("host") == null && request.authority() != null) {
            copy.put("host", List.of(request.authority().toString()));
        }
        return copy;
    }
}
