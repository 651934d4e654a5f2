package dev.openiam.policyservice.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.openiam.awsprotocol.error.ClientError;
import dev.openiam.awsprotocol.error.ErrorAnswer;
import dev.openiam.awsprotocol.error.FailureLog;
import dev.openiam.awsprotocol.error.ProblemErrors;
import dev.openiam.awsprotocol.error.QueryErrors;
import dev.openiam.awsprotocol.query.QueryXml;
import dev.openiam.model.ErrorCode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.UUID;

/**
 * policy-service's errors, rendered by the shared renderers of {@code libs/aws-protocol}: the forwarded IAM
 * actions ({@code /internal/v1/iam}) answer AWS Query XML, which the front door relays to AWS clients; every
 * other endpoint (the decision API) answers a problem document. Nothing Quarkus would answer on its own (an
 * empty 400, a bare 415) and no Java type name reaches a client.
 */
public class InternalErrors {

    private static final Logger LOG = Logger.getLogger(InternalErrors.class);
    /** The service's log for every error renderer: client faults at DEBUG, ours at ERROR. */
    public static final FailureLog LOGGED = FailureLog.of(LOG::debug, LOG::error);
    private static final String FORWARDED_IAM = "/internal/v1/iam";

    @ServerExceptionMapper
    public Response failure(Throwable e, UriInfo uri) {
        String requestId = UUID.randomUUID().toString();
        return send(forwarded(uri) ? QueryErrors.render(e, requestId, LOGGED) : ProblemErrors.render(e, requestId, LOGGED));
    }

    /** More specific than Quarkus' own mappers for these types, which answer 400 with no body. */
    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e, UriInfo uri) {
        return failure(e, uri);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return failure(e, uri);
    }

    /** A refusal of the HTTP layer (unknown path, method, media type): told by its status alone. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return failure(json, uri);
        }
        ClientError error = LOGGED.report(ClientError.ofStatus(e.getResponse().getStatus()), e);
        String requestId = UUID.randomUUID().toString();
        return send(forwarded(uri) ? QueryErrors.render(QueryXml.IAM_NAMESPACE, error, requestId)
                : ProblemErrors.render(error, requestId));
    }

    /** A forwarded action's failure as the AWS Query error the front door relays. */
    public static Response query(Throwable failure, String requestId) {
        return send(QueryErrors.render(failure, requestId, LOGGED));
    }

    /** A forwarded action refused with an error decided here (e.g. a 401 for a front door that did not authenticate). */
    public static Response query(ClientError error, String requestId) {
        return send(QueryErrors.render(QueryXml.IAM_NAMESPACE, LOGGED.report(error, null), requestId));
    }

    /** A decision API failure as a problem document. */
    public static Response problem(Throwable failure) {
        return send(ProblemErrors.render(failure, UUID.randomUUID().toString(), LOGGED));
    }

    /** A decision API error as a problem document. */
    public static Response problem(ErrorCode code, String message) {
        return send(ProblemErrors.render(LOGGED.report(new ClientError(code, message), null), UUID.randomUUID().toString()));
    }

    static Response send(ErrorAnswer answer) {
        return Response.status(answer.status()).type(answer.contentType())
                .header(ErrorAnswer.REQUEST_ID_HEADER, answer.requestId()).entity(answer.body()).build();
    }

    private static boolean forwarded(UriInfo uri) {
        return uri != null && uri.getPath() != null && uri.getPath().startsWith(FORWARDED_IAM);
    }
}
