package dev.openiam.glue.peers;

import dev.openiam.awsprotocol.sigv4.HttpRequestData;
import dev.openiam.batching.Batched;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceTrust;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Who signed a SigV4 request this service received with a long-term access key: identity-service's verdict
 * ({@code POST /internal/v1/authenticate}, purpose {@code authenticate}); the secret never leaves identity-service.
 */
@ApplicationScoped
public class IdentityAuthentication {

    public static final String AUDIENCE = "identity-service";
    public static final String PATH = "/internal/v1/authenticate";
    private static final Logger LOG = Logger.getLogger(IdentityAuthentication.class);
    /** identity-service's answers about the caller's signature, which the caller is told as they are. */
    private static final Set<ErrorCode> SIGNATURE_ERRORS = Set.of(ErrorCode.SIGNATURE_DOES_NOT_MATCH, ErrorCode.INVALID_CLIENT_TOKEN_ID,
            ErrorCode.INCOMPLETE_SIGNATURE, ErrorCode.MISSING_AUTHENTICATION_TOKEN, ErrorCode.REQUEST_EXPIRED, ErrorCode.EXPIRED_TOKEN);

    /** identity-service's batch limit ({@code InternalBatches.MAX_ITEMS}). */
    static final int MAX_BATCH = 100;
    /**
     * Calls to one endpoint under way at once; what is asked meanwhile waits for the next, as one batch (two rather than
     * four: fewer, larger batches; identity-service's CPU per AssumeRole 0.43-0.58 -> 0.32-0.48 ms, bench/RESULTS.md
     * 2026-12-07 17:36).
     */
    static final int CALLS_IN_FLIGHT = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final PeerClient identityService;
    private final Map<String, Batched<JsonObject, Reply>> asked = new ConcurrentHashMap<>();

    @Inject
    public IdentityAuthentication(Vertx vertx, ServiceTrust trust, @ConfigProperty(name = "iam.identity-service-url") String url) {
        this(new PeerClient(vertx, trust, AUDIENCE, url));
    }

    public IdentityAuthentication(PeerClient identityService) {
        this.identityService = identityService;
    }

    /** The client for identity-service's other internal endpoints (the same connection pool and trust). */
    public PeerClient identityService() {
        return identityService;
    }

    /**
     * Who signed {@code request} for signing service {@code service}. A bad signature is the caller's AWS error; any
     * other failure is ServiceUnavailable (fail closed).
     */
    public Uni<CallerClaims> authenticate(String service, HttpRequestData request) {
        return authenticate(Purpose.AUTHENTICATE, PATH, service, request, body -> body,
                answer -> answer.getString("arn") == null ? null : CallerClaims.fromMap(answer.getMap()));
    }

    /**
     * As {@link #authenticate(String, HttpRequestData)}, at another endpoint of identity-service that authenticates
     * {@code request} and answers more: {@code body} wraps what is to be authenticated into that endpoint's request,
     * {@code answered} reads its answer ({@code null}: not an answer, ServiceUnavailable). A bad signature is the
     * caller's AWS error; any other failure is ServiceUnavailable. Under load, the requests asked meanwhile go to the
     * endpoint's batch twin ({@code path:batch}) in one call.
     */
    public <T> Uni<T> authenticate(Purpose purpose, String path, String service, HttpRequestData request,
                                   UnaryOperator<JsonObject> body, Function<JsonObject, T> answered) {
        JsonObject signed = new JsonObject().put("service", service).put("method", request.method()).put("rawPath", request.rawPath())
                .put("rawQuery", request.rawQuery()).put("headers", new JsonObject(Map.copyOf(request.headers())))
                .put("body", Base64.getEncoder().encodeToString(request.body()));
        return asked(purpose, path).submit(body.apply(signed)).map(reply -> {
            T result = reply.status() == 200 && reply.body() != null ? answered.apply(reply.body()) : null;
            if (result != null) {
                return result;
            }
            ErrorCode code = reply.body() == null ? null : ErrorCode.fromAwsCode(reply.body().getString("code"));
            if (code != null && SIGNATURE_ERRORS.contains(code)) {
                throw new IamException(code, reply.body().getString("detail"));
            }
            LOG.warnf("identity-service answered %d (%s) to an authentication request", reply.status(), code);
            throw new IamException(ErrorCode.SERVICE_UNAVAILABLE, "the caller cannot be authenticated now; retry later");
        }).onFailure(failure -> !(failure instanceof IamException)).transform(failure -> {
            LOG.warnf("identity-service did not answer an authentication request: %s", failure.getMessage());
            return new IamException(ErrorCode.SERVICE_UNAVAILABLE, "the caller cannot be authenticated now; retry later");
        });
    }

    /** identity-service's answer to one request: its status and JSON body ({@code null} when it sent none). */
    record Reply(int status, JsonObject body) {
    }

    private Batched<JsonObject, Reply> asked(Purpose purpose, String path) {
        return asked.computeIfAbsent(purpose + " " + path,
                key -> new Batched<>(requests -> ask(purpose, path, requests), MAX_BATCH, CALLS_IN_FLIGHT));
    }

    /**
     * One request to {@code path}; several to {@code path:batch} under a token bound to exactly them, or each on its
     * own when the batch is not answered 200 (an identity-service without the twin, a refusal of the batch).
     */
    private Uni<List<Reply>> ask(Purpose purpose, String path, List<JsonObject> requests) {
        if (requests.size() == 1) {
            return identityService.post(purpose, path, requests.get(0), null, null, TIMEOUT)
                    .map(response -> List.of(new Reply(response.statusCode(), json(response))));
        }
        JsonObject batch = new JsonObject().put("requests", new JsonArray(new ArrayList<>(requests)));
        return identityService.post(purpose, path + ":batch", batch, null, null, TIMEOUT).chain(response -> {
            JsonObject answer = response.statusCode() == 200 ? json(response) : null;
            JsonArray results = answer == null ? null : answer.getJsonArray("results");
            if (results == null || results.size() != requests.size()) {
                LOG.debugf("identity-service answered %s:batch with %s; asking each of its %s requests on its own", path,
                        response.statusCode(), requests.size());
                return Multi.createFrom().iterable(requests)
                        .onItem().transformToUniAndConcatenate(one -> ask(purpose, path, List.of(one)).map(replies -> replies.get(0)))
                        .collect().asList();
            }
            List<Reply> replies = new ArrayList<>(results.size());
            for (int i = 0; i < results.size(); i++) {
                JsonObject result = results.getJsonObject(i);
                int status = result.getInteger("status", 500);
                replies.add(new Reply(status, status == 200 ? result.getJsonObject("answer") : result));
            }
            return Uni.createFrom().item(replies);
        });
    }

    private static JsonObject json(HttpResponse<Buffer> response) {
        try {
            return response.bodyAsJsonObject();
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
