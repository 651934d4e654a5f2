package dev.openiam.identity.snapshot;

import dev.openiam.identity.auth.internal.InternalTokens;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /internal/v1/accounts/{accountId}/principals}: the snapshot, for services holding an internal JWT. */
@Path("/internal/v1/accounts/{accountId}/principals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class PrincipalSnapshotResource {

    private final PrincipalSnapshotService snapshots;
    private final InternalTokens tokens;

    public PrincipalSnapshotResource(PrincipalSnapshotService snapshots, InternalTokens tokens) {
        this.snapshots = snapshots;
        this.tokens = tokens;
    }

    @GET
    @Operation(summary = "Every principal of an account as of one revision")
    public Uni<PrincipalSnapshot> snapshot(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                           @PathParam("accountId") String accountId) {
        tokens.verify(authorization);
        return snapshots.snapshot(accountId);
    }
}
