package dev.openiam.sts.workload;

import dev.openiam.authorization.GlobalKeys;
import dev.openiam.awsprotocol.error.FailureLog;
import dev.openiam.awsprotocol.error.ProblemErrors;
import dev.openiam.glue.audit.AuditedCall;
import dev.openiam.glue.query.QueryAnswers;
import dev.openiam.glue.session.RequestAuthentication;
import dev.openiam.audittrail.ApiCall;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.model.IamException;
import dev.openiam.model.rules.Page;
import dev.openiam.outbox.AuditOutbox;
import dev.openiam.sts.query.StsEndpoint;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
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
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The workloads of the caller's account, SigV4-signed for {@code sts} (what {@code iam-local workload add|list|remove}
 * call), each call recorded in CloudTrail (event source {@code sts.amazonaws.com}) under the name in brackets:
 * <ul>
 *   <li>{@code POST /v1/workloads} [RegisterWorkload], a JSON body {@code {"instanceProfileName"|"roleName",
 *   "serviceAccount", "issuer"}}: registers a workload ({@code iam:PassRole} on its role); the answer shows the
 *   workload's secret once, with the paths it is used at;</li>
 *   <li>{@code GET /v1/workloads?maxItems=&marker=} [ListWorkloads]: the workloads, never a secret
 *   ({@value WorkloadRegistry#LIST_ACTION}), paged as IAM's lists are;</li>
 *   <li>{@code DELETE /v1/workloads/ID} [DeregisterWorkload]: deregisters one ({@value WorkloadRegistry#DEREGISTER_ACTION});
 *   the answer is the workload it was.</li>
 * </ul>
 * Errors are problem documents with AWS's error code.
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
        return audited("POST", body, headers, request, "RegisterWorkload", false, () -> {
            WorkloadRegistry.Registration registration = parse(body);
            Map<String, String> params = new LinkedHashMap<>();
            put(params, "instanceProfileName", registration.instanceProfileName());
            put(params, "roleName", registration.roleName());
            put(params, "serviceAccount", registration.serviceAccount());
            put(params, "issuer", registration.issuer());
            return new Call<WorkloadRegistry.Registered>(params, (caller, call) -> registry.register(caller, registration, call),
                    WorkloadResource::registered);
        });
    }

    /** A new workload as listed, with its role, and its secret (shown this once) with the paths it is used at. */
    private static Map<String, Object> registered(WorkloadRegistry.Registered registered) {
        Map<String, Object> answer = described(registered.workload());
        answer.put("roleArn", registered.roleArn());
        if (registered.secret() != null) {
            answer.put("secret", registered.secret());
            answer.put("metadataPath", "/workloads/" + registered.secret());
        }
        answer.put("containerCredentialsPath", ContainerCredentialsResource.PATH);
        return answer;
    }

    @GET
    @Operation(summary = "List the account's workloads (SigV4, signing name sts)")
    public Uni<Response> list(@QueryParam("maxItems") String maxItems, @QueryParam("marker") String marker,
                              @Context HttpHeaders headers, @Context HttpServerRequest request) {
        return audited("GET", new byte[0], headers, request, "ListWorkloads", true, () -> {
            Map<String, String> params = new LinkedHashMap<>();
            put(params, "maxItems", maxItems);
            put(params, "marker", marker);
            return new Call<Page<Workload>>(params, (caller, call) -> registry.list(caller, marker, maxItems(maxItems), call), page -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("workloads", page.items().stream().map(WorkloadResource::described).toList());
                answer.put("isTruncated", page.isTruncated());
                if (page.marker() != null) {
                    answer.put("marker", page.marker());
                }
                return answer;
            });
        });
    }

    @DELETE
    @Path("{workloadId}")
    @Operation(summary = "Deregister a workload: its endpoints stop serving credentials (SigV4, signing name sts)")
    public Uni<Response> deregister(@PathParam("workloadId") String workloadId, @Context HttpHeaders headers,
                                    @Context HttpServerRequest request) {
        return audited("DELETE", new byte[0], headers, request, "DeregisterWorkload", false, () -> new Call<Workload>(
                Map.of("workloadId", workloadId), (caller, call) -> registry.deregister(caller, workloadId, call),
                WorkloadResource::described));
    }

    /** What a call needs once its caller is known: its parameters as recorded, its work, and its answer's body. */
    private record Call<T>(Map<String, String> params, Work<T> work, Function<T, Map<String, Object>> answer) {
    }

    @FunctionalInterface
    private interface Work<T> {
        Uni<T> perform(CallerClaims caller, GlobalKeys.Call call);
    }

    /**
     * Authenticates the request, then reads it ({@code read}: a bad request fails there, before anything is recorded
     * or written), records the call once as {@code eventName} and performs it; the answer is JSON, or a problem document.
     */
    private <T> Uni<Response> audited(String method, byte[] body, HttpHeaders headers, HttpServerRequest request, String eventName,
                                      boolean readOnly, Supplier<Call<T>> read) {
        String requestId = UUID.randomUUID().toString();
        return Uni.createFrom().deferred(() -> {
                    GlobalKeys.Call call = QueryAnswers.call(headers, request);
                    return authentication.authenticate(QueryAnswers.signed(method, body, headers, request), StsEndpoint.SIGNING_NAME)
                            .chain(caller -> {
                                Call<T> served = read.get();
                                return AuditedCall.begin(ApiCall.query(ApiCall.STS, eventName, served.params(), caller, requestId,
                                                call.sourceIp(), call.userAgent(), readOnly, List.of()))
                                        .around(Uni.createFrom().deferred(() -> served.work().perform(caller, call)), auditOutbox)
                                        .map(result -> Response.ok(served.answer().apply(result), MediaType.APPLICATION_JSON)
                                                .header(QueryAnswers.REQUEST_ID_HEADER, requestId).build());
                            });
                })
                .onFailure().recoverWithItem(failure -> QueryAnswers.send(ProblemErrors.render(failure, requestId, LOGGED)));
    }

    /** A workload as listed: never its secret (only its SHA-256 is kept). */
    private static Map<String, Object> described(Workload workload) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("workloadId", workload.workloadId());
        described.put("accountId", workload.accountId());
        described.put(workload.kind() == Workload.Kind.INSTANCE_PROFILE ? "instanceProfileName" : "roleName", workload.targetName());
        described.put("servicePrincipal", workload.kind().servicePrincipal());
        if (workload.subject() != null) {
            described.put("serviceAccount", workload.subject());
            described.put("issuer", workload.issuer());
        }
        described.put("createdBy", workload.createdBy());
        described.put("createdAt", workload.createdAt().toString());
        return described;
    }

    /** {@code maxItems} as a number, {@code null} when absent; ValidationError when not a whole number. */
    private static Integer maxItems(String value) {
        if (value == null) {
            return null;
        }
        if (!value.matches("\\d{1,9}")) {
            String shown = value.length() > 128 ? value.substring(0, 128) + "…" : value;
            throw IamException.validation("1 validation error detected: Value '" + shown
                    + "' at 'maxItems' failed to satisfy constraint: Member must be a whole number");
        }
        return Integer.parseInt(value);
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
