package dev.openiam.identity.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.UUID;

/**
 * The REST API's one error mapper: every failure becomes a problem document (RFC 9457) carrying the AWS
 * error code. Client faults are logged at DEBUG, server faults at ERROR; no stack trace or class name
 * reaches the client.
 */
public class RestErrors {

    private static final Logger LOG = Logger.getLogger(RestErrors.class);

    /** The problem document: {@code title} is the AWS error code, {@code detail} its message. */
    public record Problem(String type, String title, int status, String detail, String code, String requestId) {
    }

    @ServerExceptionMapper
    public Response iam(IamException e) {
        LOG.debugf("%s: %s", e.code().awsCode(), e.getMessage());
        return problem(e.code(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        LOG.debugf("malformed request body: %s", e.getOriginalMessage());
        return problem(ErrorCode.VALIDATION_ERROR, "request body is not valid: " + e.getOriginalMessage());
    }

    /** More specific than Quarkus' own mapper for this type, which answers 400 with no body. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return badJson(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        ErrorCode code = status == 404 ? ErrorCode.NO_SUCH_ENTITY : ErrorCode.VALIDATION_ERROR;
        Response.Status known = Response.Status.fromStatusCode(status);
        String reason = known == null ? "request refused" : known.getReasonPhrase();
        return Response.status(status).type("application/problem+json")
                .entity(new Problem("about:blank", code.awsCode(), status, reason, code.awsCode(), UUID.randomUUID().toString()))
                .build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (e instanceof IamException iam) {
            return iam(iam);
        }
        LOG.error("request failed", e);
        return problem(ErrorCode.SERVICE_FAILURE, "An internal error occurred; the request may be retried.");
    }

    private static Response problem(ErrorCode code, String message) {
        return Response.status(code.httpStatus()).type("application/problem+json")
                .entity(new Problem("https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html", code.awsCode(),
                        code.httpStatus(), message, code.awsCode(), UUID.randomUUID().toString()))
                .build();
    }
}
