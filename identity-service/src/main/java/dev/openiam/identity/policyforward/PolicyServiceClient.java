package dev.openiam.identity.policyforward;

import dev.openiam.identity.auth.Caller;
import dev.openiam.identity.auth.internal.InternalTokens;
import dev.openiam.identity.config.IdentityConfig;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Calls policy-service's internal IAM endpoint with the authenticated caller in an internal JWT. The
 * answer is an AWS Query document, relayed as it is. No answer means ServiceUnavailable (fail closed).
 */
@ApplicationScoped
public class PolicyServiceClient {

    public static final String AUDIENCE = "policy-service";
    private static final Logger LOG = Logger.getLogger(PolicyServiceClient.class);

    /** policy-service's answer: HTTP status and the Query XML document. */
    public record Answer(int status, String xml) {
    }

    private final WebClient client;
    private final InternalTokens tokens;
    private final URI base;

    public PolicyServiceClient(Vertx vertx, InternalTokens tokens, IdentityConfig config) {
        this.base = URI.create(config.policyServiceUrl());
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort() > 0 ? base.getPort() : ("https".equals(base.getScheme()) ? 443 : 80))
                .setSsl("https".equals(base.getScheme()))
                .setConnectTimeout(2000)
                .setIdleTimeout(30));
        this.tokens = tokens;
    }

    public Uni<Answer> iam(Caller caller, String action, Map<String, String> params, String requestId, long identityRevision) {
        JsonObject body = new JsonObject()
                .put("action", action)
                .put("params", new JsonObject(Map.copyOf(params).entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> (Object) e.getValue()))))
                .put("requestId", requestId)
                .put("atLeastIdentityRevision", identityRevision);
        return client.post(base.getPath().replaceAll("/$", "") + "/internal/v1/iam")
                .putHeader("Authorization", "Bearer " + tokens.issue(AUDIENCE, caller))
                .timeout(Duration.ofSeconds(30).toMillis())
                .sendJsonObject(body)
                .map(response -> new Answer(response.statusCode(), response.bodyAsString()))
                .onFailure().transform(failure -> {
                    LOG.warnf("policy-service at %s did not answer %s: %s", base, action, failure.getMessage());
                    return new IamException(ErrorCode.SERVICE_UNAVAILABLE, "policy-service is unavailable; the request was not performed");
                });
    }
}
