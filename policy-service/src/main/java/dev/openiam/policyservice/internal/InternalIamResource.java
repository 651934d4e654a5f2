package dev.openiam.policyservice.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.awsprotocol.query.QueryXml;
import dev.openiam.glue.audit.AuditedCall;
import dev.openiam.internalauth.Purpose;
import dev.openiam.outbox.AuditOutbox;
import dev.openiam.internalauth.ServiceCall;
import dev.openiam.internalauth.ServiceTrust;
import dev.openiam.awsprotocol.error.ClientError;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.policyservice.principal.IdentityProjection;
import dev.openiam.policyservice.query.QueryDispatcher;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.IOException;
import java.util.UUID;

/**
 * The IAM actions of policy-service as identity-service forwards them: the Query parameters in JSON, under a
 * token of purpose {@code forward} that identity-service signed with its own key for exactly these bytes, this
 * action and the caller it authenticated; the answer is the complete AWS Query XML document, success or
 * {@code <ErrorResponse>}, with its HTTP status, for the front door to relay verbatim. Having answered the call, this
 * service records it, once, under the event id the front door sent ({@link AuditedCall}).
 */
@Path(InternalIamResource.PATH)
public class InternalIamResource {

    public static final String PATH = "/internal/v1/iam";

    private final ServiceTrust trust;
    private final QueryDispatcher dispatcher;
    private final IdentityProjection identities;
    private final ObjectMapper json;
    private final AuditOutbox auditOutbox;

    public InternalIamResource(ServiceTrust trust, QueryDispatcher dispatcher, IdentityProjection identities, ObjectMapper json,
                               AuditOutbox auditOutbox) {
        this.trust = trust;
        this.dispatcher = dispatcher;
        this.identities = identities;
        this.json = json;
        this.auditOutbox = auditOutbox;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(QueryXml.CONTENT_TYPE)
    @Operation(summary = "Perform a forwarded IAM action (internal; identity-service only)")
    public Uni<Response> perform(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) throws IOException {
        ServiceCall call;
        try {
            call = trust.verify(authorization, Purpose.FORWARD, "POST", PATH, body);
        } catch (IamException e) {
            return Uni.createFrom().item(unauthenticated(e.getMessage(), UUID.randomUUID().toString()));
        }
        InternalIamRequest request = json.readValue(body, InternalIamRequest.class);
        String requestId = request != null && request.requestId() != null && !request.requestId().isBlank()
                ? request.requestId() : UUID.randomUUID().toString();
        if (request == null || request.action() == null) {
            return Uni.createFrom().item(error(new IamException(ErrorCode.MISSING_ACTION, "Missing Action"), requestId));
        }
        Caller caller;
        try {
            caller = Caller.forwarded(call, "iam:" + request.action(), request.atLeastIdentityRevision());
        } catch (IamException e) {
            return Uni.createFrom().item(unauthenticated(e.getMessage(), requestId));
        }
        // Principals are looked up in this replica's projection: first bring it to the revision the front door
        // has written (a user just created or just deleted is seen as such), or fail closed (ServiceUnavailable).
        long identityRevision = caller.atLeastIdentityRevision() == null ? 0 : caller.atLeastIdentityRevision();
        // this service answers the call, so it records it: a write in its transaction, anything else when it answers
        AuditedCall audit = AuditedCall.begin(request.auditedCall(call.caller(), requestId));
        return audit.around(identities.at(caller.accountId(), identityRevision)
                        .chain(principals -> dispatcher.dispatch(request.action(), request.params(), caller, requestId, principals,
                                request.context(), request.atLeastPolicyRevision() == null ? 0 : request.atLeastPolicyRevision())),
                        auditOutbox)
                .onFailure().recoverWithItem(failure -> error(failure, requestId));
    }

    /** 401 rather than AccessDenied's 403: the front door, not the end caller, failed to authenticate. */
    private static Response unauthenticated(String message, String requestId) {
        return InternalErrors.query(new ClientError(ErrorCode.ACCESS_DENIED, message, Response.Status.UNAUTHORIZED.getStatusCode()),
                requestId);
    }

    static Response error(Throwable failure, String requestId) {
        return InternalErrors.query(failure, requestId);
    }
}
