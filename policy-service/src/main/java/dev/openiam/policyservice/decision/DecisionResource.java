package dev.openiam.policyservice.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceTrust;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.util.List;

/**
 * The decision API: {@code POST /v1/authorize} and {@code POST /v1/authorize:batch}, for identity-, sts- and
 * audit-service, which present a token of purpose {@code decide} signed with their own key for exactly this
 * call and body.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "decisions")
public class DecisionResource {

    public static final int MAX_BATCH = 100;

    public record BatchRequest(List<AuthorizeRequest> requests) {
    }

    public record BatchResponse(List<AuthorizeResponse> results) {
    }

    private static final AuthorizeResponse BASELINE = new AuthorizeResponse("ImplicitDeny", List.of(), "IDENTITY_POLICY", null);

    private final DecisionService decisions;
    private final ServiceTrust trust;
    private final ObjectMapper json;
    private final boolean baseline;

    public DecisionResource(DecisionService decisions, ServiceTrust trust, ObjectMapper json,
                            @ConfigProperty(name = "iam.bench.baseline-endpoint", defaultValue = "false") boolean baseline) {
        this.decisions = decisions;
        this.trust = trust;
        this.json = json;
        this.baseline = baseline;
    }

    @POST
    @Path("authorize")
    @Operation(summary = "Decide one request: Allow, ExplicitDeny or ImplicitDeny, with the deciding statements")
    public Uni<AuthorizeResponse> authorize(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body)
            throws IOException {
        authenticate(authorization, "/v1/authorize", body);
        return decisions.authorize(json.readValue(body, AuthorizeRequest.class));
    }

    /**
     * The benchmark's yardstick ({@code bench/decision-api}): the same token check, body and answer type as
     * {@code authorize}, with a constant instead of a decision. Off (404) unless {@code iam.bench.baseline-endpoint}.
     */
    @POST
    @Path("authorize:baseline")
    @Operation(hidden = true)
    public Uni<AuthorizeResponse> baseline(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body)
            throws IOException {
        if (!baseline) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        authenticate(authorization, "/v1/authorize:baseline", body);
        json.readValue(body, AuthorizeRequest.class);
        return Uni.createFrom().item(BASELINE);
    }

    @POST
    @Path("authorize:batch")
    @Operation(summary = "Decide up to 100 requests in one call, answers in the same order")
    public Uni<BatchResponse> batch(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body)
            throws IOException {
        authenticate(authorization, "/v1/authorize:batch", body);
        BatchRequest batch = json.readValue(body, BatchRequest.class);
        if (batch == null || batch.requests() == null || batch.requests().isEmpty() || batch.requests().size() > MAX_BATCH) {
            throw IamException.validation("requests must hold 1 to " + MAX_BATCH + " requests");
        }
        return Multi.createFrom().iterable(batch.requests())
                .onItem().transformToUniAndConcatenate(decisions::authorize)
                .collect().asList().map(BatchResponse::new);
    }

    /** The decision API's errors, as problem documents carrying the AWS error code (this resource only). */
    public record Problem(String type, String title, int status, String detail, String code) {
    }

    @ServerExceptionMapper
    public Response iam(IamException e) {
        return problem(e.code(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return problem(ErrorCode.VALIDATION_ERROR, "request body is not valid: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return json(e);
    }

    private static Response problem(ErrorCode code, String message) {
        return Response.status(code.httpStatus()).type("application/problem+json")
                .entity(new Problem("https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html", code.awsCode(),
                        code.httpStatus(), message, code.awsCode())).build();
    }

    private void authenticate(String authorization, String path, byte[] body) {
        trust.verify(authorization, Purpose.DECIDE, "POST", path, body);
    }
}
