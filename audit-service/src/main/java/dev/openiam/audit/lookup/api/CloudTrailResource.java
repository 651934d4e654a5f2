package dev.openiam.audit.lookup.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openiam.audit.caller.ActionAuthorization;
import dev.openiam.audit.caller.CallerAuthentication;
import dev.openiam.audit.lookup.domain.LookupEventsRequest;
import dev.openiam.audit.lookup.domain.LookupPage;
import dev.openiam.audit.lookup.domain.LookupService;
import dev.openiam.authorization.GlobalKeys;
import dev.openiam.awsprotocol.error.ErrorAnswer;
import dev.openiam.awsprotocol.error.FailureLog;
import dev.openiam.awsprotocol.error.JsonErrors;
import dev.openiam.awsprotocol.json.JsonRpc;
import dev.openiam.glue.query.QueryAnswers;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.model.audit.AuditRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The CloudTrail front door: the AWS JSON 1.1 protocol at {@code /}, as {@code aws cloudtrail … --endpoint-url}
 * calls it. Authenticate (SigV4, {@code cloudtrail}), name the operation, authorize {@code cloudtrail:<Operation>},
 * read and check the input, answer within the caller's account. Every failure is an AWS error ({@code __type}).
 */
@Path("/")
public class CloudTrailResource {

    /** The {@code targetPrefix} of CloudTrail's model (2013-11-01). */
    public static final String TARGET_PREFIX = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101";
    private static final Logger LOG = Logger.getLogger(CloudTrailResource.class);
    private static final FailureLog LOGGED = FailureLog.of(LOG::debug, LOG::error);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final CallerAuthentication authentication;
    private final ActionAuthorization authorization;
    private final LookupService lookups;

    public CloudTrailResource(CallerAuthentication authentication, ActionAuthorization authorization, LookupService lookups) {
        this.authentication = authentication;
        this.authorization = authorization;
        this.lookups = lookups;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> post(byte[] body, @Context HttpHeaders headers, @Context HttpServerRequest request) {
        String requestId = UUID.randomUUID().toString();
        return Uni.createFrom().deferred(() -> authentication.authenticate(QueryAnswers.signed("POST", body, headers, request)))
                .chain(caller -> {
                    JsonRpc rpc = JsonRpc.parse(TARGET_PREFIX, headers.getHeaderString(JsonRpc.TARGET_HEADER),
                            headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body);
                    if (!rpc.operation().equals("LookupEvents") && !rpc.operation().equals("ListPublicKeys")) {
                        throw rpc.unknownOperation();
                    }
                    Map<String, Object> context = GlobalKeys.of(QueryAnswers.call(headers, request), caller.mfaAuthenticatedAt(),
                            caller.session() != null, Instant.now());
                    return authorization.require(caller, "cloudtrail:" + rpc.operation(), context).chain(() -> perform(rpc, caller));
                })
                .map(answer -> Response.ok(answer.toString(), JsonRpc.CONTENT_TYPE).header(ErrorAnswer.REQUEST_ID_HEADER, requestId).build())
                .onFailure().recoverWithItem(failure -> QueryAnswers.send(JsonErrors.render(failure, requestId, LOGGED)));
    }

    private Uni<ObjectNode> perform(JsonRpc rpc, CallerClaims caller) {
        if (rpc.operation().equals("LookupEvents")) {
            LookupEventsRequest input = LookupEventsRequest.from(rpc.input());
            return lookups.lookup(caller.accountId(), input).map(CloudTrailResource::events);
        }
        Instant start = LookupEventsRequest.checkedTime(rpc.input(), "StartTime");
        Instant end = LookupEventsRequest.checkedTime(rpc.input(), "EndTime");
        return lookups.publicKeys(start, end, rpc.input().string("NextToken")).map(keys -> {
            ObjectNode answer = JSON.objectNode();
            ArrayNode list = answer.putArray("PublicKeyList");
            keys.forEach(key -> list.addObject().put("Value", key.value()).put("ValidityStartTime", key.validityStart().getEpochSecond())
                    .put("ValidityEndTime", key.validityEnd().getEpochSecond()).put("Fingerprint", key.fingerprint()));
            return answer;
        });
    }

    /** LookupEventsResponse: each event as the model shapes it, times in epoch seconds. */
    static ObjectNode events(LookupPage page) {
        ObjectNode answer = JSON.objectNode();
        ArrayNode events = answer.putArray("Events");
        for (LookupPage.Found found : page.events()) {
            AuditRecord record = found.record();
            ObjectNode event = events.addObject()
                    .put("EventId", record.eventID().toString())
                    .put("EventName", record.eventName())
                    .put("ReadOnly", String.valueOf(record.readOnly()))
                    .put("EventTime", record.eventTime().getEpochSecond())
                    .put("EventSource", record.eventSource());
            if (record.userIdentity().accessKeyId() != null) {
                event.put("AccessKeyId", record.userIdentity().accessKeyId());
            }
            if (record.username() != null) {
                event.put("Username", record.username());
            }
            ArrayNode resources = event.putArray("Resources");
            record.resources().forEach(r -> resources.addObject().put("ResourceType", r.type()).put("ResourceName", r.name()));
            event.put("CloudTrailEvent", found.json());
        }
        if (page.nextToken() != null) {
            answer.put("NextToken", page.nextToken());
        }
        return answer;
    }
}
