package dev.openiam.audit.advisor;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.awsprotocol.error.ErrorAnswer;
import dev.openiam.awsprotocol.error.FailureLog;
import dev.openiam.awsprotocol.error.JsonErrors;
import dev.openiam.glue.query.QueryAnswers;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceCall;
import dev.openiam.internalauth.ServiceTrust;
import dev.openiam.model.IamException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * For policy-service's access advisor: when each of some IAM users and roles of one account last made an authorized
 * call, per service and action, within AWS's tracking period. Callers present a token of purpose
 * {@code last-accessed} bound to this exact body, for an end caller of the same account (policy-service has authorized
 * the report).
 */
@Path(LastAccessedResource.PATH)
@Tag(name = "internal")
public class LastAccessedResource {

    public static final String PATH = "/internal/v1/last-accessed";
    /** A report covers a group's members or a policy's entities: bounded, so one request stays small. */
    static final int MAX_ENTITIES = 10_000;
    private static final Logger LOG = Logger.getLogger(LastAccessedResource.class);
    private static final FailureLog LOGGED = FailureLog.of(LOG::debug, LOG::error);

    public record LastAccessedRequest(String accountId, List<String> entityArns) {
    }

    public record LastAccessedAnswer(List<LastAccess> accesses) {
    }

    private final ServiceTrust trust;
    private final LastAccessStore store;
    private final ObjectMapper json;

    public LastAccessedResource(ServiceTrust trust, LastAccessStore store, ObjectMapper json) {
        this.trust = trust;
        this.store = store;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "When IAM users and roles last used each service and action (internal; policy-service only)")
    public Uni<Response> lastAccessed(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        String requestId = UUID.randomUUID().toString();
        return Uni.createFrom().deferred(() -> {
                    ServiceCall call = trust.verify(authorization, Purpose.LAST_ACCESSED, "POST", PATH, body);
                    LastAccessedRequest request = read(body);
                    if (call.caller() == null || !request.accountId().equals(call.caller().accountId())) {
                        throw IamException.validation("accountId must be the caller's account");
                    }
                    return store.find(request.accountId(), request.entityArns(), Instant.now());
                })
                .map(found -> Response.ok(write(new LastAccessedAnswer(found)), MediaType.APPLICATION_JSON)
                        .header(ErrorAnswer.REQUEST_ID_HEADER, requestId).build())
                .onFailure().recoverWithItem(failure -> QueryAnswers.send(JsonErrors.render(failure, requestId, LOGGED)));
    }

    private String write(LastAccessedAnswer answer) {
        try {
            return json.writeValueAsString(answer);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a last-accessed answer could not be written", e);
        }
    }

    private LastAccessedRequest read(byte[] body) {
        LastAccessedRequest request;
        try {
            request = json.readValue(body, LastAccessedRequest.class);
        } catch (java.io.IOException e) {
            throw IamException.validation("the body is not a last-accessed request");
        }
        if (request == null || request.accountId() == null || !request.accountId().matches("\\d{12}")
                || request.entityArns() == null || request.entityArns().size() > MAX_ENTITIES
                || request.entityArns().stream().anyMatch(arn -> arn == null || !arn.startsWith("arn:"))) {
            throw IamException.validation("a last-accessed request names a 12-digit accountId and at most " + MAX_ENTITIES
                    + " entityArns");
        }
        return request;
    }
}
