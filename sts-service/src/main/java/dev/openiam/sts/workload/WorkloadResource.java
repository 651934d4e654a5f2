package dev.openiam.sts.workload;

import dev.openiam.authorization.GlobalKeys;
import dev.openiam.awsprotocol.error.FailureLog;
import dev.openiam.awsprotocol.error.ProblemErrors;
import dev.openiam.glue.audit.AuditedCall;
import dev.openiam.glue.query.QueryAnswers;
import dev.openiam.glue.session.RequestAuthentication;
import dev.openiam.audittrail.ApiCall;
import dev.openiam.model.IamException;
import dev.openiam.outbox.AuditOutbox;
import dev.openiam.sts.query.StsEndpoint;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /v1/workloads}: registers a workload (what {@code iam-local workload add} calls), SigV4-signed for
 * {@code sts}, with a JSON body {@code {"instanceProfileName"|"roleName", "serviceAccount", "issuer"}}. The answer shows
 * the workload's secret once, with the paths it is used at. Recorded as {@code RegisterWorkload} (event source
 * {@code sts.amazonaws.com}).
 */
@Path("/v1/workloads")
public class WorkloadResource {

    private static final Logger LOG = Logger.getLogger(WorkloadResource.class);
    private static final FailureLog LOGGED = FailureLog.of(LOG::debug, LOG::error);

    private final RequestAuthentication authentication;
    private final WorkloadRegistry registry;
    private final AuditOutbox auditOutbox;
    private final ObjectMapper json;

    public WorkloadResource(RequestAuthentication authentication, WorkloadRegistry registry, AuditOutbox auditOutbox, ObjectMapper json) {
        this.authentication = authentication;
        this.registry = registry;
        this.auditOutbox = auditOutbox;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Register a workload bound to an instance profile or a role (SigV4, signing name sts)")
    public Uni<Response> register(byte[] body, @Context HttpHeaders headers, @Context HttpServerRequest request) {
        String requestId = UUID.randomUUID().toString();
        return Uni.createFrom().deferred(() -> {
                    GlobalKeys.Call call = QueryAnswers.call(headers, request);
                    return authentication.authenticate(QueryAnswers.signed("POST", body, headers, request), StsEndpoint.SIGNING_NAME)
                            .chain(caller -> {
                                WorkloadRegistry.Registration registration = parse(body);
                                Map<String, String> params = new LinkedHashMap<>();
                                put(params, "instanceProfileName", registration.instanceProfileName());
                                put(params, "roleName", registration.roleName());
                                put(params, "serviceAccount", registration.serviceAccount());
                                put(params, "issuer", registration.issuer());
                                return AuditedCall.begin(ApiCall.query(ApiCall.STS, "RegisterWorkload", params, caller, requestId,
                                        call.sourceIp(), call.userAgent(), false, List.of()))
                                        .around(Uni.createFrom().deferred(() -> registry.register(caller, registration, call)), auditOutbox);
                            });
                })
                .map(registered -> {
                    Workload workload = registered.workload();
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("workloadId", workload.workloadId());
                    answer.put("accountId", workload.accountId());
                    answer.put(workload.kind() == Workload.Kind.INSTANCE_PROFILE ? "instanceProfileName" : "roleName", workload.targetName());
                    answer.put("roleArn", registered.roleArn());
                    answer.put("servicePrincipal", workload.kind().servicePrincipal());
                    if (registered.secret() != null) {
                        answer.put("secret", registered.secret());
                        answer.put("metadataPath", "/workloads/" + registered.secret());
                    } else {
                        answer.put("serviceAccount", workload.subject());
                        answer.put("issuer", workload.issuer());
                    }
                    answer.put("containerCredentialsPath", ContainerCredentialsResource.PATH);
                    return Response.ok(answer, MediaType.APPLICATION_JSON).header(QueryAnswers.REQUEST_ID_HEADER, requestId).build();
                })
                .onFailure().recoverWithItem(failure -> QueryAnswers.send(ProblemErrors.render(failure, requestId, LOGGED)));
    }

    private WorkloadRegistry.Registration parse(byte[] body) {
        try {
            WorkloadRegistry.Registration registration = json.readValue(body, WorkloadRegistry.Registration.class);
            if (registration == null) {
                throw IamException.validation("the body must be a JSON object");
            }
            return registration;
        } catch (IOException e) {
            throw IamException.validation("the body must be a JSON object of instanceProfileName or roleName, serviceAccount, issuer");
        }
    }

    private static void put(Map<String, String> params, String key, String value) {
        if (value != null) {
            params.put(key, value);
        }
    }
}
