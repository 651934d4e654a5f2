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
        JsonObject body = new JsonObject().put("service", service).put("method", request.method()).put("rawPath", request.rawPath())
                .put("rawQuery", request.rawQuery()).put("headers", new JsonObject(Map.copyOf(request.headers())))
                .put("body", Base64.getEncoder().encodeToString(request.body()));
        return identityService.post(Purpose.AUTHENTICATE, PATH, body, null, null, Duration.ofSeconds(10)).map(response -> {
            JsonObject answer = response.bodyAsJsonObject();
            if (response.statusCode() == 200 && answer != null && answer.getString("arn") != null) {
                return CallerClaims.fromMap(answer.getMap());
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
