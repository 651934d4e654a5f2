package dev.openiam.identity.role.internal;

import dev.openiam.identity.account.AccountRevisions;
import dev.openiam.identity.query.SigV4Authenticator;
import dev.openiam.identity.role.domain.RoleService;
import dev.openiam.identity.role.internal.CallerRoleLookupResource.CallerRoleAnswer;
import dev.openiam.identity.role.internal.CallerRoleLookupResource.CallerRoleRequest;
import dev.openiam.model.Arn;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Who signed an AssumeRole request and the role it names, as {@link CallerRoleLookupResource} describes it. */
@ApplicationScoped
public class CallerRoleLookups {

    private final SigV4Authenticator authenticator;
    private final RoleService roles;
    private final AccountRevisions revisions;

    public CallerRoleLookups(SigV4Authenticator authenticator, RoleService roles, AccountRevisions revisions) {
        this.authenticator = authenticator;
        this.roles = roles;
        this.revisions = revisions;
    }

    /** The caller of {@code request} and its role; ValidationError for a request without one or a role ARN that is none. */
    public Uni<CallerRoleAnswer> lookup(CallerRoleRequest request) {
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
