package dev.openiam.glue.peers;

import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceTrust;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;

/**
 * policy-service's decision API ({@code POST /v1/authorize}) as every front door asks it: under a token of purpose
 * {@code decide} for the end caller and the action. Any failure to get a clear answer is a failure, so the caller
 * denies (fail closed).
 */
@ApplicationScoped
public class DecisionClient {

    public static final String AUDIENCE = "policy-service";
    private static final Logger LOG = Logger.getLogger(DecisionClient.class);

    /** policy-service's decision: {@code Allow}, {@code ExplicitDeny} or {@code ImplicitDeny}, and AWS's message for a deny. */
    public record Decision(String decision, String message) {
        public boolean allowed() {
            return "Allow".equals(decision);
        }
    }

    private final PeerClient policyService;

    public DecisionClient(Vertx vertx, ServiceTrust trust, @ConfigProperty(name = "iam.policy-service-url") String url) {
        this.policyService = new PeerClient(vertx, trust, AUDIENCE, url);
    }

    /** The client for policy-service's other internal endpoints (the same connection pool and trust). */
    public PeerClient policyService() {
        return policyService;
    }

    /**
     * One question about the caller, as every front door asks it.
     *
     * @param resourceAccount the account owning the resource, {@code null} for the caller's
     * @param resourcePolicy  a resource-based policy to decide with (a role's trust policy when {@code trustPolicy}), or {@code null}
     * @param context         the condition keys of the call
     * @param identityRevision / policyRevision the revisions the decision must reflect (read-your-writes), {@code null} for none
     */
    public record Question(String action, String resource, String resourceAccount, String resourcePolicy, boolean trustPolicy,
                           Map<String, Object> context, Long identityRevision, Long policyRevision) {

        /** An action on a resource of the caller's account, with the call's condition keys. */
        public static Question of(String action, String resource, Map<String, Object> context, Long identityRevision,
                                  Long policyRevision) {
            return new Question(action, resource, null, null, false, context, identityRevision, policyRevision);
        }
    }

    /**
     * Asks whether {@code caller} may do {@code question}: the caller's ARN as the principal and, for temporary
     * credentials, its session (role, issue time, session policies and tags), which the decision point honours.
     */
    public Uni<Decision> decide(CallerClaims caller, Question question) {
        JsonObject body = new JsonObject()
                .put("principal", caller.arn())
                .put("action", question.action())
                .put("resource", question.resource())
                .put("context", new JsonObject(question.context()))
                // only the decision and a deny's message are read: an Allow's reasons are not looked for
                .put("reasons", false);
        if (question.identityRevision() != null || question.policyRevision() != null) {
            JsonObject revisions = new JsonObject();
            if (question.identityRevision() != null) {
                revisions.put("identity", question.identityRevision());
            }
            if (question.policyRevision() != null) {
                revisions.put("policy", question.policyRevision());
            }
            body.put("atLeastRevision", revisions);
        }
        if (question.resourceAccount() != null) {
            body.put("resourceAccount", question.resourceAccount());
        }
        if (question.resourcePolicy() != null) {
            body.put("resourcePolicy", question.resourcePolicy()).put("trustPolicy", question.trustPolicy());
        }
        if (caller.session() != null) {
            body.put("session", new JsonObject(caller.session().toMap()));
        }
        return authorize(caller, body);
    }

    /** Asks the decision API {@code question} (principal, action, resource, context, revisions) for {@code caller}. */
    Uni<Decision> authorize(CallerClaims caller, JsonObject question) {
        return policyService.post(Purpose.DECIDE, "/v1/authorize", question, caller, question.getString("action"), Duration.ofSeconds(10))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new IamException(ErrorCode.SERVICE_UNAVAILABLE,
                                "the decision point answered " + response.statusCode() + "; the request was not performed");
                    }
                    JsonObject answer = response.bodyAsJsonObject();
                    return new Decision(answer.getString("decision"), answer.getString("message"));
                })
                .onFailure(failure -> !(failure instanceof IamException)).transform(failure -> {
                    LOG.warnf("decision point at %s did not answer: %s", policyService.base(), failure.getMessage());
                    return new IamException(ErrorCode.SERVICE_UNAVAILABLE, "the decision point is unavailable; the request was not performed");
                });
    }
}
