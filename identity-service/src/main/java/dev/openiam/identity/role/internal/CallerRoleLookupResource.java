package dev.openiam.identity.role.internal;

import dev.openiam.identity.account.AccountRevisions;
import dev.openiam.identity.auth.internal.InternalAuthenticationResource.AuthenticateRequest;
import dev.openiam.identity.role.domain.Role;
import dev.openiam.identity.auth.internal.InternalBatches;
import dev.openiam.identity.auth.internal.InternalRequests;
import dev.openiam.internalauth.Purpose;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/**
 * For sts-service's AssumeRole signed with a long-term access key: who signed the request (as
 * {@code /internal/v1/authenticate} answers it) and the role it asks for with the revisions of the caller's account (as
 * {@code /internal/v1/roles/lookup} answers them), in one call instead of two. The role is read after the caller's
 * key, both as of the accounts' revisions now (kept while they stay: {@link dev.openiam.identity.account.RevisionCache}):
 * a deactivated key or a changed role is in force on the next call. A bad signature: the
 * caller's AWS error. No such role: the caller and {@code noSuchRole}, for sts-service to deny as it does; a role name
 * the lookup refuses: the caller alone, for sts-service to ask {@code /internal/v1/roles/lookup} and answer its error.
 * Callers present a token of purpose {@code role-lookup} bound to this exact body; several at once go to the batch twin.
 */
// the class at the parent path, each endpoint a method's: the batch twin "lookup-for-caller:batch" is no sub-path of
// "lookup-for-caller"
@Path("/internal/v1/roles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class CallerRoleLookupResource {

    public static final String PATH = "/internal/v1/roles/lookup-for-caller";
    /** The batch twin ({@link InternalBatches}): the AssumeRoles sts-service received meanwhile, in one call. */
    public static final String BATCH_PATH = PATH + ":batch";

    /** The signed request as sts-service received it, and the ARN of the role it asks for. */
    public record CallerRoleRequest(AuthenticateRequest request, String roleArn) {
    }

    /**
     * Who signed (the claims {@code /internal/v1/authenticate} answers), the role and the caller's revisions (both
     * {@code null} when not looked up), and whether there is no such role.
     */
    public record CallerRoleAnswer(Map<String, Object> caller, Role role, AccountRevisions.Revisions callerRevisions,
                                   boolean noSuchRole) {
    }

    private final CallerRoleLookups lookups;
    private final InternalRequests requests;

    public CallerRoleLookupResource(CallerRoleLookups lookups, InternalRequests requests) {
        this.lookups = lookups;
        this.requests = requests;
    }

    @POST
    @Path("lookup-for-caller")
    @Operation(summary = "Who signed an AssumeRole request, and the role it asks for (for sts-service)")
    public Uni<CallerRoleAnswer> lookup(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return lookups.lookup(requests.read(authorization, Purpose.ROLE_LOOKUP, PATH, body, CallerRoleRequest.class,
                "the body must be a JSON object with request and roleArn"));
    }

    public record CallerRoleBatch(List<CallerRoleRequest> requests) {
    }

    @POST
    @Path("lookup-for-caller:batch")
    @Operation(summary = "Who signed each of several AssumeRole requests, and the role each asks for (for sts-service)")
    public Uni<InternalBatches.Results> lookupBatch(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        CallerRoleBatch batch = requests.read(authorization, Purpose.ROLE_LOOKUP, BATCH_PATH, body, CallerRoleBatch.class,
                "the body must be a JSON object with requests, each with request and roleArn");
        return InternalBatches.answer(batch.requests(), lookups::lookup);
    }
}
