package dev.openiam.identity.policyforward;

import dev.openiam.identity.account.AccountRevisions;
import dev.openiam.glue.peers.DecisionClient;
import dev.openiam.glue.peers.PeerClient;
import dev.openiam.identity.auth.Caller;
import dev.openiam.internalauth.Purpose;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;

/**
 * Calls policy-service's internal IAM endpoints, each request under a token this service
 * signs with its own key for that one call (purpose, endpoint, a digest of the exact body bytes sent, the
 * authenticated caller, the action). The IAM answer is an AWS Query document, relayed as it is. No answer means
 * ServiceUnavailable (fail closed).
 */
@ApplicationScoped
public class PolicyServiceClient {

    public static final String AUDIENCE = "policy-service";
    /** Written by policy-service on answers to writes. */
    public static final String REVISION_HEADER = "X-Iam-Policy-Revision";
    private static final Logger LOG = Logger.getLogger(PolicyServiceClient.class);

    /** policy-service's answer: HTTP status, the Query XML document, and the policy revision a write committed at. */
    public record Answer(int status, String xml, Long policyRevision) {
    }

    private final PeerClient policyService;

    public PolicyServiceClient(DecisionClient decisions) {
        this.policyService = decisions.policyService();
    }

    /**
     * Forwards {@code action} with its exact parameters, the revisions the caller has seen, the call's global keys and
     * what policy-service records the call with ({@code audit}: its event id and time, source IP and user agent).
     */
    public Uni<Answer> iam(Caller caller, String action, Map<String, String> params, String requestId,
                           AccountRevisions.Revisions revisions, Map<String, Object> context, Map<String, Object> audit) {
        JsonObject body = new JsonObject()
                .put("action", action)
                .put("params", new JsonObject(new java.util.TreeMap<String, Object>(params)))
                .put("requestId", requestId)
                .put("atLeastIdentityRevision", revisions.identity())
                .put("atLeastPolicyRevision", revisions.policy())
                .put("context", new JsonObject(context));
        if (audit != null) {
            body.put("audit", new JsonObject(audit));
        }
        return post(Purpose.FORWARD, "/internal/v1/iam", body, caller, "iam:" + action, Duration.ofSeconds(30))
                .map(response -> new Answer(response.statusCode(), response.bodyAsString(), revision(response.getHeader(REVISION_HEADER))))
                .onFailure().transform(failure -> {
                    LOG.warnf("policy-service at %s did not answer %s: %s", policyService.base(), action, failure.getMessage());
                    return new IamException(ErrorCode.SERVICE_UNAVAILABLE, "policy-service is unavailable; the request was not performed");
                });
    }

    /**
     * Sets the boundary of a principal about to be created, as part of the CreateUser or CreateRole it performs (the
     * token's action); the policy revision written, or policy-service's AWS error.
     */
    public Uni<Long> presetBoundary(Caller caller, String type, String id, String name, String path, String policyArn) {
        JsonObject body = new JsonObject().put("type", type).put("id", id).put("name", name).put("path", path)
                .put("policyArn", policyArn);
        String action = "role".equals(type) ? "iam:CreateRole" : "iam:CreateUser";
        return post(Purpose.FORWARD, "/internal/v1/boundary-presets", body, caller, action, Duration.ofSeconds(30))
                .onFailure().transform(failure -> {
                    LOG.warnf("policy-service at %s did not answer a boundary preset: %s", policyService.base(), failure.getMessage());
                    return new IamException(ErrorCode.SERVICE_UNAVAILABLE, "policy-service is unavailable; the request was not performed");
                })
                .map(response -> {
                    JsonObject answer = response.bodyAsJsonObject();
                    if (response.statusCode() == 200 && answer != null && answer.getLong("revision") != null) {
                        return answer.getLong("revision");
                    }
                    ErrorCode code = answer == null ? null : ErrorCode.fromAwsCode(answer.getString("code"));
                    throw code == null ? new IamException(ErrorCode.SERVICE_UNAVAILABLE, "policy-service refused the boundary")
                            : new IamException(code, answer.getString("message"));
                });
    }

    private Uni<HttpResponse<Buffer>> post(Purpose purpose, String path, JsonObject json, Caller caller, String action,
                                           Duration timeout) {
        return policyService.post(purpose, path, json, caller.claims(), action, timeout);
    }

    private static Long revision(String header) {
        try {
            return header == null ? null : Long.valueOf(header);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
