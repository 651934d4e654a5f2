package dev.openiam.sts.query;

import dev.openiam.glue.peers.DecisionClient;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;


/**
 * Asks policy-service whether the caller may do one STS action on one resource, with the caller's session (if it signs
 * with temporary credentials) and, for a role, its trust policy. No clear Allow is AccessDenied (fail closed).
 */
@ApplicationScoped
public class StsDecisions {

    private final DecisionClient decisions;

    public StsDecisions(DecisionClient decisions) {
        this.decisions = decisions;
    }

    public Uni<Void> require(CallerClaims caller, DecisionClient.Question question) {
        return decisions.decide(caller, question).invoke(decision -> {
            if (!decision.allowed()) {
                throw new IamException(ErrorCode.ACCESS_DENIED, decision.message() != null ? decision.message()
                        : "User: " + caller.arn() + " is not authorized to perform: " + question.action() + " on resource: "
                        + question.resource());
            }
        }).replaceWithVoid();
    }
}
