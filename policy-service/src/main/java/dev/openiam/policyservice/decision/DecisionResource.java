package dev.openiam.policyservice.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.awsprotocol.error.ClientError;
import dev.openiam.model.IamException;
import dev.openiam.policyservice.dataevent.DataEvents;
import dev.openiam.policyservice.internal.InternalErrors;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * The decision API: {@code POST /v1/authorize} and {@code POST /v1/authorize:batch}. identity-, sts- and
 * audit-service present a token of purpose {@code decide} signed with their own key for exactly this call and body;
 * users' own services sign the request with SigV4 and may ask only what their policies allow (see
 * {@link DecisionCallers}). The decisions made for users' services are recorded as data events for the accounts that
 * opted in ({@link DataEvents}).
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
    private final DecisionCallers callers;
    private final DataEvents dataEvents;
    private final ObjectMapper json;
    private final boolean baseline;

    public DecisionResource(DecisionService decisions, DecisionCallers callers, DataEvents dataEvents, ObjectMapper json,
                            @ConfigProperty(name = "iam.bench.baseline-endpoint", defaultValue = "false") boolean baseline) {
        this.decisions = decisions;
        this.callers = callers;
        this.dataEvents = dataEvents;
        this.json = json;
        this.baseline = baseline;
    }

    @POST
    @Path("authorize")
    @Operation(summary = "Decide one request: Allow, ExplicitDeny or ImplicitDeny, with the deciding statements")
    public Uni<AuthorizeResponse> authorize(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                            @Context HttpServerRequest http, byte[] body) {
        return callers.authenticate(authorization, "/v1/authorize", body, http).chain(asker -> {
            AuthorizeRequest request = read(body, AuthorizeRequest.class);
            return callers.mayAsk(asker, java.util.Collections.singletonList(request)).chain(() -> decide(asker, request, http));
        });
    }

    /**
     * The benchmark's yardstick ({@code bench/decision-api}): the same caller check, body and answer type as
     * {@code authorize}, with a constant instead of a decision. Off (404) unless {@code iam.bench.baseline-endpoint}.
     */
    @POST
    @Path("authorize:baseline")
    @Operation(hidden = true)
    public Uni<AuthorizeResponse> baseline(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                           @Context HttpServerRequest http, byte[] body) {
        if (!baseline) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        return callers.authenticate(authorization, "/v1/authorize:baseline", body, http).map(asker -> {
            read(body, AuthorizeRequest.class);
            return BASELINE;
        });
    }

    @POST
    @Path("authorize:batch")
    @Operation(summary = "Decide up to 100 requests in one call, answers in the same order")
    public Uni<BatchResponse> batch(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                    @Context HttpServerRequest http, byte[] body) {
        return callers.authenticate(authorization, "/v1/authorize:batch", body, http).chain(asker -> {
            BatchRequest batch = read(body, BatchRequest.class);
            if (batch == null || batch.requests() == null || batch.requests().isEmpty() || batch.requests().size() > MAX_BATCH) {
                throw IamException.validation("requests must hold 1 to " + MAX_BATCH + " requests");
            }
            return callers.mayAsk(asker, batch.requests()).chain(() -> Multi.createFrom().iterable(batch.requests())
                    .onItem().<AuthorizeResponse>transformToUniAndConcatenate(request -> decide(asker, request, http))
                    .collect().asList().map(BatchResponse::new));
        });
    }

    /** The decision; for a user's service, recorded as a data event when its account opted in. */
    private Uni<AuthorizeResponse> decide(DecisionCallers.Asker asker, AuthorizeRequest request, HttpServerRequest http) {
        Uni<AuthorizeResponse> decision = decisions.authorize(request);
        if (asker.principal() == null) {
            return decision;
        }
        String sourceIp = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        return decision.call(answer -> dataEvents.record(request, answer, sourceIp, http.getHeader(HttpHeaders.USER_AGENT)));
    }

    /** The decision API's errors, as problem documents carrying the AWS error code (the shared renderer). */
    @ServerExceptionMapper
    public Response iam(IamException e) {
        return InternalErrors.problem(e);
    }

    private <T> T read(byte[] body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            // worded by the shared renderer, which names no Java type (and keeps our own faults 500s)
            throw ClientError.of(e).toException();
        } catch (java.io.IOException e) {
            throw IamException.validation("request body is not valid");
        }
    }
}
