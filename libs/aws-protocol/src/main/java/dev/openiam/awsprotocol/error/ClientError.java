package dev.openiam.awsprotocol.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;

import java.util.Objects;

/**
 * What a failure may tell the client: an AWS error code and a message fit to show. An {@link IamException}
 * says it itself; a request body that cannot be read is the caller's {@code ValidationError}, worded by
 * {@link JsonFailures}; a database or peer service that cannot be reached is {@code ServiceUnavailable} (503: the
 * caller may retry, nothing was done); anything else is our {@code ServiceFailure}, with a fixed message (its
 * detail is for the log, never for the client).
 *
 * @param code    the AWS error code
 * @param message the text the client sees
 * @param status  the HTTP status: the code's, or the one the HTTP layer refused the request with (405, 415, …)
 */
public record ClientError(ErrorCode code, String message, int status) {

    /** The message of every failure we did not foresee. */
    public static final String INTERNAL_MESSAGE = "An internal error occurred; the request may be retried.";
    /** The message when something this service depends on cannot be reached. */
    public static final String UNAVAILABLE_MESSAGE = "The service is unavailable; the request may be retried.";
    /** What Vert.x clients (the reactive PostgreSQL pool) fail with once their connection is gone. */
    private static final java.util.Set<String> CONNECTION_GONE = java.util.Set.of("Connection is closed", "Pool closed",
            "Connection closed", "Closed");

    public ClientError {
        Objects.requireNonNull(code, "code");
        message = message == null ? "" : message;
    }

    /** An error with its code's own HTTP status. */
    public ClientError(ErrorCode code, String message) {
        this(code, message, code.httpStatus());
    }

    /**
     * What {@code failure} tells the client: the first {@link IamException} among it and its causes (a record
     * constructor's own check, wrapped by Jackson, still speaks for itself), else the first JSON failure.
     */
    public static ClientError of(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof IamException iam) {
                return new ClientError(iam.code(), iam.getMessage());
            }
        }
        for (Throwable t = failure; t != null; t = next(t)) {
            if (unreachable(t)) {
                return new ClientError(ErrorCode.SERVICE_UNAVAILABLE, UNAVAILABLE_MESSAGE);
            }
        }
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof InvalidDefinitionException) {
                // our request type cannot be read at all: a fault of ours, whatever was sent
                break;
            }
            if (t instanceof JsonProcessingException json) {
                return new ClientError(ErrorCode.VALIDATION_ERROR, JsonFailures.describe(json));
            }
        }
        return new ClientError(ErrorCode.SERVICE_FAILURE, INTERNAL_MESSAGE);
    }

    /**
     * Whether {@code t} says a connection could not be made or was lost (a database restarting, a peer down): the
     * request did not happen, and may be retried.
     */
    private static boolean unreachable(Throwable t) {
        if (t instanceof java.net.ConnectException || t instanceof java.net.NoRouteToHostException
                || t instanceof java.nio.channels.ClosedChannelException) {
            return true;
        }
        // Vert.x reports a closed connection or pool with a generic exception and a fixed message
        String type = t.getClass().getName();
        return (type.equals("io.vertx.core.VertxException") || type.equals("io.vertx.core.impl.NoStackTraceThrowable")
                || type.equals("io.vertx.core.impl.NoStackTraceException")) && CONNECTION_GONE.contains(t.getMessage());
    }

    private static Throwable next(Throwable t) {
        return t.getCause() == t ? null : t.getCause();
    }

    /**
     * A request the HTTP layer refused with {@code status} before any handler ran (unknown path, wrong method or
     * media type, a parameter that is not a number): a client fault, told by the status alone. A 5xx status is
     * our {@code ServiceFailure}.
     */
    public static ClientError ofStatus(int status) {
        if (status >= 500) {
            return new ClientError(ErrorCode.SERVICE_FAILURE, INTERNAL_MESSAGE);
        }
        return switch (status) {
            case 401 -> new ClientError(ErrorCode.MISSING_AUTHENTICATION_TOKEN, "the request is not authenticated", status);
            case 403 -> new ClientError(ErrorCode.ACCESS_DENIED, "the request is not allowed", status);
            case 404 -> new ClientError(ErrorCode.NO_SUCH_ENTITY, "no such resource", status);
            case 405 -> new ClientError(ErrorCode.VALIDATION_ERROR, "the method is not allowed on this resource", status);
            case 406 -> new ClientError(ErrorCode.VALIDATION_ERROR, "no acceptable representation of the answer", status);
            case 413 -> new ClientError(ErrorCode.VALIDATION_ERROR, "the request body is too large", status);
            case 415 -> new ClientError(ErrorCode.VALIDATION_ERROR, "the request body must be JSON (application/json)", status);
            default -> new ClientError(ErrorCode.VALIDATION_ERROR, "the request is not valid", status >= 400 ? status : 400);
        };
    }

    /**
     * A path or query parameter the HTTP layer could not convert ({@code maxItems=abc}); JAX-RS answers that with
     * 404, but nothing is missing: the request is invalid.
     */
    public static ClientError badParameter() {
        return new ClientError(ErrorCode.VALIDATION_ERROR, "a path or query parameter is not valid");
    }

    /**
     * This error as the domain's exception, for code that reads a body itself and throws what it cannot read
     * (e.g. {@code throw ClientError.of(jsonFailure).toException()}); the HTTP status is the code's.
     */
    public IamException toException() {
        return new IamException(code, message);
    }

    /** Whether the fault is ours (5xx): logged at ERROR with its cause; the caller's faults at DEBUG. */
    public boolean serverFault() {
        return status >= 500;
    }

    @Override
    public String toString() {
        return code.awsCode() + ": " + message;
    }
}
