package dev.openiam.identity.role.internal;

import dev.openiam.identity.account.AccountRevisions;
import dev.openiam.identity.role.domain.Role;
import dev.openiam.identity.role.domain.RoleService;
import dev.openiam.identity.auth.internal.InternalRequests;
import dev.openiam.internalauth.Purpose;
import dev.openiam.model.Arn;
import dev.openiam.model.IamException;
import dev.openiam.model.rules.Rules;
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

/**
 * For sts-service: the role a session is asked for, as stored now (read-your-writes: a role created a moment ago is
 * found), by its ARN — its trust policy, maximum session duration and tags — and the revisions of the caller's account,
 * so that the decision on the caller's own policies sees its latest writes too. NoSuchEntity when there is no such
 * role. Callers present a token of purpose {@code role-lookup} bound to this exact body.
 */
// at the parent path, as CallerRoleLookupResource is: no class path that is a prefix of another's endpoints
@Path("/internal/v1/roles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class RoleLookupResource {

    public static final String PATH = "/internal/v1/roles/lookup";

    public record LookupRequest(String roleArn, String callerAccountId) {
    }

    /** The role, and the consistency tokens of the caller's account. */
    public record LookupAnswer(Role role, AccountRevisions.Revisions callerRevisions) {
    }

    private final RoleService roles;
    private final AccountRevisions revisions;
    private final InternalRequests requests;

    public RoleLookupResource(RoleService roles, AccountRevisions revisions, InternalRequests requests) {
        this.roles = roles;
        this.revisions = revisions;
        this.requests = requests;
    }

    @POST
    @Path("lookup")
    @Operation(summary = "The role an ARN names, with its trust policy (for sts-service)")
    public Uni<LookupAnswer> lookup(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        LookupRequest request = requests.read(authorization, Purpose.ROLE_LOOKUP, PATH, body, LookupRequest.class,
                "roleArn must be a role's ARN");
        Arn arn = request.roleArn() == null ? null : Arn.parse(request.roleArn());
        if (arn == null || !"iam".equals(arn.service()) || !arn.resource().startsWith("role/")) {
            throw IamException.validation("roleArn must be a role's ARN");
        }
        String name = arn.resource().substring(arn.resource().lastIndexOf('/') + 1);
        Rules.matching("callerAccountId", request.callerAccountId(), 12, 12, "\\d{12}");
        // the caller's revisions first: the role is then read at least as new as anything the caller wrote before
        return revisions.atRequestStart(request.callerAccountId())
                .chain(callerRevisions -> roles.current(arn.account(), name).map(role -> new LookupAnswer(role, callerRevisions)));
    }
}
