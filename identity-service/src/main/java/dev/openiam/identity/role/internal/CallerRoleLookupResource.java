package dev.openiam.identity.role.internal;

import dev.openiam.identity.account.AccountRevisions;
import dev.openiam.identity.auth.internal.InternalAuthenticationResource.AuthenticateRequest;
import dev.openiam.identity.query.SigV4Authenticator;
import dev.openiam.identity.role.domain.Role;
import dev.openiam.identity.role.domain.RoleService;
import dev.openiam.identity.auth.internal.InternalRequests;
import dev.openiam.internalauth.Purpose;
import dev.openiam.model.Arn;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
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

import java.util.Map;

/**
 * For sts-service's AssumeRole signed with a long-term access key: who signed the request (as
 * {@code /internal/v1/authenticate} answers it) and the role it asks for with the revisions of the caller's account (as
 * {@code /internal/v1/roles/lookup} answers them), in one call instead of two. The role is read after the caller's
 * key, both as of the accounts' revisions now (kept while they stay: {@link dev.openiam.identity.account.RevisionCache}):
 * a deactivated key or a changed role is in force on the next call. A bad signature: the
 * caller's AWS error. No such role: the caller and {@code noSuchRole}, for sts-service to deny as it does; a role name
 * the lookup refuses: the caller alone, for sts-service to ask {@code /internal/v1/roles/lookup} and answer its error.
 * Callers present a token of purpose {@code role-lookup} bound to this exact body.
 */
@Path(CallerRoleLookupResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class CallerRoleLookupResource {

    public static final String PATH = "/internal/v1/roles/lookup-for-caller";

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

    private final SigV4Authenticator authenticator;
    private final RoleService roles;
    private final AccountRevisions revisions;
    private final InternalRequests requests;

    public CallerRoleLookupResource(SigV4Authenticator authenticator, RoleService roles, AccountRevisions revisions,
                                    InternalRequests requests) {
        this.authenticator = authenticator;
        this.roles = roles;
        this.revisions = revisions;
        this.requests = requests;
    }

    @POST
    @Operation(summary = "Who signed an AssumeRole request, and the role it asks for (for sts-service)")
    public Uni<CallerRoleAnswer> lookup(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        CallerRoleRequest request = requests.read(authorization, Purpose.ROLE_LOOKUP, PATH, body, CallerRoleRequest.class,
                "the body must be a JSON object with request and roleArn");
        if (request.request() == null) {
            throw IamException.validation("request is required");
        }
        Arn arn = request.roleArn() == null ? null : Arn.parse(request.roleArn());
        if (arn == null || !"iam".equals(arn.service()) || !arn.resource().startsWith("role/")) {
            throw IamException.validation("roleArn must be a role's ARN");
        }
        String name = arn.resource().substring(arn.resource().lastIndexOf('/') + 1);
        return authenticator.authenticate(request.request().toRequest(), request.request().service())
                // the revisions the caller's key was checked against, read once for the request
                .chain(caller -> revisions.atRequestStart(caller.accountId())
                        // the caller's revisions first: the role is then read at least as new as anything the caller wrote
                        .chain(callerRevisions -> roles.current(arn.account(), name)
                                .map(role -> new CallerRoleAnswer(caller.claims().toMap(), role, callerRevisions, false)))
                        .onFailure(IamException.class).recoverWithItem(failure -> new CallerRoleAnswer(caller.claims().toMap(),
                                null, null, ((IamException) failure).code() == ErrorCode.NO_SUCH_ENTITY)));
    }
}
