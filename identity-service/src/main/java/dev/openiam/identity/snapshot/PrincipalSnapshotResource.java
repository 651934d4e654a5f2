package dev.openiam.identity.snapshot;

import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceTrust;
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

/**
 * {@code GET /internal/v1/accounts/{accountId}/principals}: the snapshot, for projecting services holding a token of
 * purpose {@code snapshot} made for this account's path.
 */
@Path("/internal/v1/accounts/{accountId}/principals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class PrincipalSnapshotResource {

    private final PrincipalSnapshotService snapshots;
    private final ServiceTrust trust;

    public PrincipalSnapshotResource(PrincipalSnapshotService snapshots, ServiceTrust trust) {
        this.snapshots = snapshots;
        this.trust = trust;
    }

    /** The path a snapshot token binds. */
    public static String path(String accountId) {
        return "/internal/v1/accounts/" + accountId + "/principals";
    }

    @GET
    @Operation(summary = "Every principal of an account as of one revision")
    public Uni<PrincipalSnapshot> snapshot(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                           @PathParam("accountId") String accountId) {
        trust.verify(authorization, Purpose.SNAPSHOT, "GET", path(accountId), new byte[0]);
        return snapshots.snapshot(accountId);
    }
}
