package dev.openiam.identity.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.openiam.awsprotocol.error.ClientError;
import dev.openiam.glue.query.QueryAnswers;
import dev.openiam.awsprotocol.error.ErrorAnswer;
import dev.openiam.awsprotocol.error.FailureLog;
import dev.openiam.awsprotocol.error.ProblemErrors;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.UUID;

/**
 * The REST API's errors: every failure becomes a problem document carrying the AWS error code, rendered by
 * the one problem renderer ({@link ProblemErrors}). Client faults are logged at DEBUG, server faults at
 * ERROR; no stack trace or class name reaches the client.
 */
public class RestErrors {

    private static final Logger LOG = Logger.getLogger(RestErrors.class);
    /** The service's log for every error renderer (REST and Query). */
    public static final FailureLog LOGGED = FailureLog.of(LOG::debug, LOG::error);

    @ServerExceptionMapper
    public Response failure(Throwable e) {
        return send(ProblemErrors.render(e, UUID.randomUUID().toString(), LOGGED));
    }

    /** More specific than Quarkus' own mappers for these types, which answer 400 with no body. */
    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        return failure(e);
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return failure(e);
    }

    /** A refusal of the HTTP layer (unknown path, method, media type): told by its status alone. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException) {
            return failure(e.getCause());
        }
        // JAX-RS answers a parameter it cannot convert (maxItems=abc) with a 404 that carries the conversion's failure
        boolean badParameter = e instanceof NotFoundException && e.getCause() != null;
        ClientError error = LOGGED.report(badParameter ? ClientError.badParameter() : ClientError.ofStatus(e.getResponse().getStatus()), e);
        return send(ProblemErrors.render(error, UUID.randomUUID().toString()));
    }

    /** The answer as JAX-RS sends it, with the request id header AWS services send. */
    public static Response send(ErrorAnswer answer) {
        return QueryAnswers.send(answer);
    }
}
