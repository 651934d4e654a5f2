package dev.openiam.policyservice.advisor.domain;

import dev.openiam.glue.peers.PeerClient;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceTrust;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.policyservice.internal.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * audit-service's last accesses ({@code POST /internal/v1/last-accessed}, purpose {@code last-accessed}), read for a
 * report this service authorized, under a token for the end caller and the action. No clear answer fails with
 * ServiceUnavailable (the job fails; no report is made of a partial answer).
 */
@ApplicationScoped
public class AuditServiceClient {

    public static final String AUDIENCE = "audit-service";
    static final String PATH = "/internal/v1/last-accessed";
    private static final Logger LOG = Logger.getLogger(AuditServiceClient.class);

    private final PeerClient auditService;

    public AuditServiceClient(Vertx vertx, ServiceTrust trust, @ConfigProperty(name = "iam.audit-service-url") String url) {
        this.auditService = new PeerClient(vertx, trust, AUDIENCE, url);
    }

    /** The last accesses of {@code entityArns} (users and roles of the caller's account) within the tracking period. */
    public Uni<List<Access>> lastAccessed(Caller caller, List<String> entityArns) {
        JsonObject body = new JsonObject().put("accountId", caller.accountId()).put("entityArns", new JsonArray(entityArns));
        CallerClaims claims = new CallerClaims(caller.arn(), caller.accountId(), caller.principalId(), caller.accessKeyId(), caller.root(),
                null, caller.session());
        return auditService.post(Purpose.LAST_ACCESSED, PATH, body, claims, "iam:GenerateServiceLastAccessedDetails",
                        Duration.ofSeconds(10))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new IamException(ErrorCode.SERVICE_UNAVAILABLE, "audit-service answered " + response.statusCode());
                    }
                    List<Access> accesses = new ArrayList<>();
                    for (Object item : response.bodyAsJsonObject().getJsonArray("accesses")) {
                        JsonObject a = (JsonObject) item;
                        accesses.add(new Access(a.getString("entityArn"), a.getString("namespace"), a.getString("action"),
                                Instant.parse(a.getString("time")), a.getString("region")));
                    }
                    return accesses;
                })
                .onFailure(failure -> !(failure instanceof IamException)).transform(failure -> {
                    LOG.warnf("audit-service at %s did not answer last accesses: %s", auditService.base(), failure.getMessage());
                    return new IamException(ErrorCode.SERVICE_UNAVAILABLE, "audit-service is unavailable");
                });
    }
}
