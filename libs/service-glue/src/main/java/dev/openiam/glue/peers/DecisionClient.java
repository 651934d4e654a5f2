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

    /** Asks the decision API {@code question} (principal, action, resource, context, revisions) for {@code caller}. */
    public Uni<Decision> authorize(CallerClaims caller, JsonObject question) {
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
