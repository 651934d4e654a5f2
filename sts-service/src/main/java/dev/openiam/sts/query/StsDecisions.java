package dev.openiam.sts.query;

import dev.openiam.authorization.GlobalKeys;
import dev.openiam.glue.denial.AuthorizationMessage;
import dev.openiam.glue.denial.AuthorizationMessages;
import dev.openiam.glue.peers.DecisionClient;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.sts.peers.IdentityPeer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;


/**
 * Asks policy-service whether the caller may do one STS action on one resource, with the caller's session (if it signs
 * with temporary credentials) and, for a role, its trust policy. No clear Allow is AccessDenied (fail closed), with the
 * decision point's message (which carries its encoded authorization message).
 */
@ApplicationScoped
public class StsDecisions {

    private final DecisionClient decisions;
    private final AuthorizationMessages messages;
    private final IdentityPeer identity;
    private final Clock clock = Clock.systemUTC();

    public StsDecisions(DecisionClient decisions, AuthorizationMessages messages, IdentityPeer identity) {
        this.decisions = decisions;
        this.messages = messages;
        this.identity = identity;
    }

    /**
     * Requires {@code action} on resource {@code *} (an action with no resource of its own), decided with the caller's
     * policies as they are now: its account's revisions read first (read-your-writes), the call's global keys.
     */
    public Uni<Void> require(CallerClaims caller, String action, GlobalKeys.Call call) {
        return identity.revisions(caller.accountId())
                .chain(revisions -> require(caller, DecisionClient.Question.of(action, "*",
                        GlobalKeys.of(call, caller.mfaAuthenticatedAt(), caller.session() != null, clock.instant()),
                        revisions.identity(), revisions.policy())));
    }

    public Uni<Void> require(CallerClaims caller, DecisionClient.Question question) {
        return decisions.decide(caller, question).invoke(decision -> {
            if (!decision.allowed()) {
                throw decision.message() != null ? new IamException(ErrorCode.ACCESS_DENIED, decision.message())
                        : denied(caller, question.action(), question.resource());
            }
        }).replaceWithVoid();
    }

    /** AWS's AccessDenied for {@code action} on {@code resource} refused here, with its encoded authorization message. */
    public IamException denied(CallerClaims caller, String action, String resource) {
        return messages.denied("User: " + caller.arn() + " is not authorized to perform: " + action + " on resource: " + resource,
                AuthorizationMessage.denied(caller.principalId(), caller.arn(), action, resource));
    }
}
