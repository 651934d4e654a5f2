package dev.openiam.identity.common;

import dev.openiam.identity.outbox.Committed;
import jakarta.ws.rs.core.Response;

/** Write responses of the REST API carry the revision they committed at, {@code X-Iam-Revision}. */
public final class Revision {

    public static final String HEADER = "X-Iam-Revision";

    private Revision() {
    }

    public static Response ok(Committed<?> committed) {
        return Response.ok(committed.value()).header(HEADER, committed.revision()).build();
    }

    public static Response created(Committed<?> committed) {
        return Response.status(Response.Status.CREATED).entity(committed.value()).header(HEADER, committed.revision()).build();
    }

    public static Response noContent(Committed<?> committed) {
        return Response.noContent().header(HEADER, committed.revision()).build();
    }
}
