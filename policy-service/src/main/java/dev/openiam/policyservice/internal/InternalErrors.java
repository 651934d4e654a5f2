package dev.openiam.policyservice.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.openiam.awsprotocol.query.QueryXml;
import dev.openiam.model.ErrorCode;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.UUID;

/**
 * A forwarded request whose JSON cannot be read still gets an AWS error document, never Quarkus' empty
 * 400 or a stack trace.
 */
public class InternalErrors {

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        String requestId = UUID.randomUUID().toString();
        return Response.status(400).type(QueryXml.CONTENT_TYPE).header("x-amzn-RequestId", requestId)
                .entity(QueryXml.error(ErrorCode.VALIDATION_ERROR, "The request body is not a valid forwarded IAM request.",
                        requestId)).build();
    }

    /** More specific than Quarkus' own mapper for this subtype, which answers 400 with no body. */
    @ServerExceptionMapper
    public Response mismatched(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return badJson(e);
    }
}
