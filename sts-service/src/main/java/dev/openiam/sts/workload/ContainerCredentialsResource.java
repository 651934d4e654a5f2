package dev.openiam.sts.workload;

import dev.openiam.glue.query.QueryAnswers;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The container-credentials-compatible endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}): the SDKs send the
 * {@code Authorization} header as {@code AWS_CONTAINER_AUTHORIZATION_TOKEN} (or the file
 * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE} names) gives it — a workload's registration secret, or, on Kubernetes,
 * the pod's projected service-account token (as EKS Pod Identity reads it from a file). Missing: 401; not a registered
 * workload's: 403; the role not trusting the workload's service principal: 403 AccessDenied.
 */
@Path(ContainerCredentialsResource.PATH)
public class ContainerCredentialsResource {

    public static final String PATH = "/v1/workload-credentials";

    private final WorkloadRegistry registry;
    private final WorkloadCredentials credentials;

    public ContainerCredentialsResource(WorkloadRegistry registry, WorkloadCredentials credentials) {
        this.registry = registry;
        this.credentials = credentials;
    }

    @GET
    @Operation(summary = "A workload's role credentials, as the SDKs' container credentials provider reads them")
    public Uni<Response> credentials(@Context HttpHeaders headers, @Context HttpServerRequest request) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            return Uni.createFrom().item(MetadataAnswers.error(401, "MissingAuthorizationToken",
                    "the Authorization header (AWS_CONTAINER_AUTHORIZATION_TOKEN) is required"));
        }
        String credential = authorization.strip();
        return Uni.createFrom().deferred(() -> WorkloadRegistry.isToken(credential) ? registry.byServiceAccountToken(credential)
                        : registry.bySecret(credential))
                .chain(workload -> workload == null
                        ? Uni.createFrom().item(MetadataAnswers.error(403, "AccessDenied", "the Authorization token is not a workload's"))
                        : credentials.credentials(workload, QueryAnswers.call(headers, request)).map(served -> {
                            Map<String, Object> body = new LinkedHashMap<>();
                            body.put("AccessKeyId", served.session().credentials().accessKeyId());
                            body.put("SecretAccessKey", served.session().credentials().secretAccessKey());
                            body.put("Token", served.session().credentials().sessionToken());
                            body.put("Expiration", served.session().credentials().expiration().toString());
                            body.put("RoleArn", served.roleArn());
                            return MetadataAnswers.json(200, body);
                        }))
                .onFailure().recoverWithItem(MetadataAnswers::failure);
    }
}
