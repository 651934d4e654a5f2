package dev.openiam.sts.assumerole;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.awsprotocol.sigv4.HttpRequestData;
import dev.openiam.glue.session.RequestAuthentication;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.sts.peers.IdentityPeer;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One call to identity-service instead of two for an AssumeRole signed with a long-term key: who signed it and the
 * role it names are asked together ({@link IdentityPeer#callerAndRole}), and the role found is kept with the request
 * (its Vert.x context) for {@link #role}. Temporary credentials are checked offline as always, and their role looked
 * up on its own; so is a role whose ARN is not one (the action's validation answers it).
 */
@ApplicationScoped
public class CallerRoleLookup {

    private static final String KEY = CallerRoleLookup.class.getName();

    private final RequestAuthentication authentication;
    private final IdentityPeer identity;

    public CallerRoleLookup(RequestAuthentication authentication, IdentityPeer identity) {
        this.authentication = authentication;
        this.identity = identity;
    }

    /** Who signed the AssumeRole {@code query}; with a long-term key, its role is found in the same call. */
    public Uni<CallerClaims> authenticate(QueryRequest query, HttpRequestData request, String service) {
        String roleArn = query.string("RoleArn");
        if (!isRoleArn(roleArn)) {
            return authentication.authenticate(request, service);
        }
        return authentication.authenticate(request, service, (signedFor, signed) -> identity.callerAndRole(signedFor, signed, roleArn)
                .map(found -> {
                    ContextLocals.put(KEY, found);
                    return found.caller();
                }));
    }

    /** The role {@code roleArn} names for a caller of {@code callerAccountId}: as found with the caller, or asked now. */
    public Uni<IdentityPeer.RoleTarget> role(String roleArn, String callerAccountId) {
        IdentityPeer.CallerRole found = found();
        if (found != null && found.roleArn().equals(roleArn) && found.caller().accountId().equals(callerAccountId)) {
            if (found.role() != null) {
                return Uni.createFrom().item(found.role());
            }
            if (found.noSuchRole()) {
                return Uni.createFrom().failure(new IamException(ErrorCode.NO_SUCH_ENTITY, "The role with name " + roleArn
                        + " cannot be found."));
            }
        }
        return identity.role(roleArn, callerAccountId);
    }

    private static IdentityPeer.CallerRole found() {
        try {
            return ContextLocals.<IdentityPeer.CallerRole>get(KEY).orElse(null);
        } catch (UnsupportedOperationException | IllegalStateException e) {
            return null; // not on a request's context
        }
    }

    private static boolean isRoleArn(String roleArn) {
        try {
            return roleArn != null && roleArn.length() <= 2048 && AssumeRoleService.roleArn(roleArn) != null;
        } catch (IamException e) {
            return false;
        }
    }
}
