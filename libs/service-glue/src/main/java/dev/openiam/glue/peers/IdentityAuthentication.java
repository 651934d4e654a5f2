package dev.openiam.glue.peers;

import dev.openiam.awsprotocol.sigv4.HttpRequestData;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceTrust;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
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

    private final PeerClient identityService;

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
     * caller's AWS error; any other failure is ServiceUnavailable.
     */
    public <T> Uni<T> authenticate(Purpose purpose, String path, String service, HttpRequestData request,
                                   UnaryOperator<JsonObject> body, Function<JsonObject, T> answered) {
        JsonObject signed = new JsonObject().put("service", service).put("method", request.method()).put("rawPath", request.rawPath())
                .put("rawQuery", request.rawQuery()).put("headers", new JsonObject(Map.copyOf(request.headers())))
                .put("body", Base64.getEncoder().encodeToString(request.body()));
        return identityService.post(purpose, path, body.apply(signed), null, null, Duration.ofSeconds(10)).map(response -> {
            JsonObject answer = response.bodyAsJsonObject();
            T result = response.statusCode() == 200 && answer != null ? answered.apply(answer) : null;
            if (result != null) {
                return result;
            }
            ErrorCode code = answer == null ? null : ErrorCode.fromAwsCode(answer.getString("code"));
            if (code != null && SIGNATURE_ERRORS.contains(code)) {
                throw new IamException(code, answer.getString("detail"));
            }
            LOG.warnf("identity-service answered %d (%s) to an authentication request", response.statusCode(), code);
            throw new IamException(ErrorCode.SERVICE_UNAVAILABLE, "the caller cannot be authenticated now; retry later");
        }).onFailure(failure -> !(failure instanceof IamException)).transform(failure -> {
            LOG.warnf("identity-service did not answer an authentication request: %s", failure.getMessage());
            return new IamException(ErrorCode.SERVICE_UNAVAILABLE, "the caller cannot be authenticated now; retry later");
        });
    }
}
