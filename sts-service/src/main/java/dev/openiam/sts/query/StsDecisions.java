package dev.openiam.sts.query;

import dev.openiam.glue.peers.DecisionClient;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * Asks policy-service whether the caller may do one STS action on one resource, with the caller's session (if it signs
 * with temporary credentials) and, for a role, its trust policy. No clear Allow is AccessDenied (fail closed).
 */
@ApplicationScoped
public class StsDecisions {

    /** One question: the action, its resource, the condition keys, the trust policy and the revisions to decide at. */
    public record Question(String action, String resource, String resourceAccount, String trustPolicy,
                           Map<String, Object> context, long identityRevision, long policyRevision) {
    }

    private final DecisionClient decisions;

    public StsDecisions(DecisionClient decisions) {
        this.decisions = decisions;
    }

    public Uni<Void> require(CallerClaims caller, Question question) {
        JsonObject body = new JsonObject()
                .put("principal", caller.arn())
                .put("action", question.action())
                .put("resource", question.resource())
                .put("context", new JsonObject(question.context()))
                .put("atLeastRevision", new JsonObject().put("identity", question.identityRevision()).put("policy", question.policyRevision()));
        if (question.resourceAccount() != null) {
            body.put("resourceAccount", question.resourceAccount());
        }
        if (question.trustPolicy() != null) {
            body.put("resourcePolicy", question.trustPolicy()).put("trustPolicy", true);
        }
        if (caller.session() != null) {
            body.put("session", new JsonObject(caller.session().toMap()));
        }
        return decisions.authorize(caller, body).invoke(decision -> {
            if (!decision.allowed()) {
                throw new IamException(ErrorCode.ACCESS_DENIED, decision.message() != null ? decision.message()
                        : "User: " + caller.arn() + " is not authorized to perform: " + question.action() + " on resource: "
                        + question.resource());
            }
        }).replaceWithVoid();
    }
}
