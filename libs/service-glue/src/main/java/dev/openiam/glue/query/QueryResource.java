package dev.openiam.glue.query;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * An AWS Query front door at its service's {@code @Path("/")}: a form-encoded {@code POST} or a presigned {@code GET},
 * both served the same way by {@link #serve}.
 */
public abstract class QueryResource {

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

    /** Authenticates, dispatches and answers one request; every failure is an AWS error document. */
    protected abstract Uni<Response> serve(String method, byte[] body, HttpHeaders headers, HttpServerRequest request);
}
