package dev.openiam.sts.workload;

import dev.openiam.glue.query.QueryAnswers;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The IMDSv2-compatible metadata endpoint of one workload, at {@code /workloads/<secret>}: what an unchanged SDK reads
 * with {@code AWS_EC2_METADATA_SERVICE_ENDPOINT} set to it. The secret in the path is how the workload proves itself
 * (the SDKs send nothing else an instance could be told apart by); {@code PUT latest/api/token} gives a session token
 * tied to the workload, which every read needs ({@code X-aws-ec2-metadata-token}; 401 without, as IMDSv2 answers).
 * An unknown secret finds nothing (404).
 */
@Path("/workloads/{secret}/latest")
public class InstanceMetadataResource {

    static final String TTL_HEADER = "X-aws-ec2-metadata-token-ttl-seconds";
    static final String TOKEN_HEADER = "X-aws-ec2-metadata-token";

    private final WorkloadRegistry registry;
    private final WorkloadCredentials credentials;
    private final ImdsTokens tokens;

    public InstanceMetadataResource(WorkloadRegistry registry, WorkloadCredentials credentials, ImdsTokens tokens) {
        this.registry = registry;
        this.credentials = credentials;
        this.tokens = tokens;
    }

    @PUT
    @Path("api/token")
    @Operation(hidden = true)
    public Uni<Response> token(@PathParam("secret") String secret, @HeaderParam(TTL_HEADER) String ttl) {
        return workload(secret, workload -> {
            Integer seconds = ttl(ttl);
            if (seconds == null) {
                return Uni.createFrom().item(MetadataAnswers.error(400, ErrorCode.VALIDATION_ERROR.awsCode(), TTL_HEADER
                        + " must be a whole number of seconds from " + ImdsTokens.MIN_TTL + " to " + ImdsTokens.MAX_TTL));
            }
            return Uni.createFrom().item(Response.ok(tokens.issue(workload.workloadId(), seconds), "text/plain")
                    .header(TTL_HEADER, seconds).build());
        });
    }

    @GET
    @Path("meta-data/iam/security-credentials")
    @Operation(hidden = true)
    public Uni<Response> roleName(@PathParam("secret") String secret, @HeaderParam(TOKEN_HEADER) String token) {
        return withToken(secret, token, workload -> credentials.roleName(workload).map(MetadataAnswers::text));
    }

    @GET
    @Path("meta-data/iam/security-credentials/{role}")
    @Operation(hidden = true)
    public Uni<Response> roleCredentials(@PathParam("secret") String secret, @PathParam("role") String role,
                                         @HeaderParam(TOKEN_HEADER) String token, @Context HttpHeaders headers,
                                         @Context HttpServerRequest request) {
        return withToken(secret, token, workload -> credentials.roleName(workload).chain(name -> {
            if (!name.equals(role)) {
                return Uni.createFrom().item(MetadataAnswers.error(404, ErrorCode.NO_SUCH_ENTITY.awsCode(), "no role " + role));
            }
            return credentials.credentials(workload, QueryAnswers.call(headers, request)).map(served -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("Code", "Success");
                body.put("LastUpdated", served.lastUpdated().toString());
                body.put("Type", "AWS-HMAC");
                body.put("AccessKeyId", served.session().credentials().accessKeyId());
                body.put("SecretAccessKey", served.session().credentials().secretAccessKey());
                body.put("Token", served.session().credentials().sessionToken());
                body.put("Expiration", served.session().credentials().expiration().toString());
                return MetadataAnswers.json(200, body);
            }).onFailure(failure -> failure instanceof IamException e && e.code() == ErrorCode.ACCESS_DENIED)
                    .recoverWithItem(failure -> {
                        // EC2's answer when the role does not trust it: a document with the reason instead of credentials
                        Map<String, Object> body = new LinkedHashMap<>();
                        body.put("Code", "AssumeRoleUnauthorizedAccess");
                        body.put("Message", failure.getMessage());
                        body.put("LastUpdated", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
                        return MetadataAnswers.json(200, body);
                    });
        }));
    }

    @GET
    @Path("meta-data/iam/info")
    @Operation(hidden = true)
    public Uni<Response> info(@PathParam("secret") String secret, @HeaderParam(TOKEN_HEADER) String token) {
        return withToken(secret, token, workload -> credentials.profile(workload).map(profile -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("Code", "Success");
            body.put("LastUpdated", workload.createdAt().toString());
            body.put("InstanceProfileArn", profile.arn());
            body.put("InstanceProfileId", profile.id());
            return MetadataAnswers.json(200, body);
        }));
    }

    private Uni<Response> withToken(String secret, String token, Function<Workload, Uni<Response>> read) {
        return workload(secret, workload -> tokens.valid(token, workload.workloadId()) ? read.apply(workload)
                : Uni.createFrom().item(MetadataAnswers.error(401, "Unauthorized",
                        "a valid " + TOKEN_HEADER + " of this endpoint (PUT latest/api/token) is required")));
    }

    private Uni<Response> workload(String secret, Function<Workload, Uni<Response>> then) {
        return Uni.createFrom().deferred(() -> registry.bySecret(secret))
                .chain(workload -> workload == null
                        ? Uni.createFrom().item(MetadataAnswers.error(404, "NotFound", "nothing is served here"))
                        : then.apply(workload))
                .onFailure().recoverWithItem(MetadataAnswers::failure);
    }

    /** The TTL header's seconds, or {@code null} when missing, not a number or out of EC2's bounds. */
    static Integer ttl(String header) {
        if (header == null || !header.trim().matches("\\d{1,5}")) {
            return null;
        }
        int seconds = Integer.parseInt(header.trim());
        return seconds < ImdsTokens.MIN_TTL || seconds > ImdsTokens.MAX_TTL ? null : seconds;
    }
}
