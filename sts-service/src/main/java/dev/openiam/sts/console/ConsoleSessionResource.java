package dev.openiam.sts.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.awsprotocol.error.FailureLog;
import dev.openiam.awsprotocol.error.ProblemErrors;
import dev.openiam.glue.query.QueryAnswers;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceTrust;
import dev.openiam.model.IamException;
import dev.openiam.sts.peers.IdentityPeer;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * For the console only ({@code iam.trust.allow.console-session}): signs a person in and answers the console
 * session's credentials, or that the MFA code must follow. The token is bound to this exact body; the password is
 * never logged (the request's {@code toString} leaves it out).
 */
@Path(ConsoleSessionResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class ConsoleSessionResource {

    public static final String PATH = "/internal/v1/console-sessions";
    private static final Logger LOG = Logger.getLogger(ConsoleSessionResource.class);
    private static final FailureLog LOGGED = FailureLog.of(LOG::debug, LOG::error);
    private static final String BAD_BODY = "the body must be a JSON object with account, password and optionally userName and mfaCode";

    /**
     * {@code userName} {@code null}: the root user; {@code mfaCode} {@code null}: none given yet; {@code sourceIp},
     * {@code userAgent} (the person's browser) and {@code loginTo} (the console's URL) for the sign-in's record.
     */
    public record SignInRequest(String account, String userName, String password, String mfaCode, String sourceIp,
                                String userAgent, String loginTo) {
        @Override
        public String toString() {
            return "SignInRequest[account=" + account + ", userName=" + userName + "]";
        }
    }

    private final ConsoleSignIn signIns;
    private final ServiceTrust trust;
    private final ObjectMapper json;

    public ConsoleSessionResource(ConsoleSignIn signIns, ServiceTrust trust, ObjectMapper json) {
        this.signIns = signIns;
        this.trust = trust;
        this.json = json;
    }

    @POST
    @Operation(summary = "Sign a person in to the console: the session's credentials, or mfaRequired")
    public Uni<Response> signIn(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return Uni.createFrom().deferred(() -> {
            trust.verify(authorization, Purpose.CONSOLE_SESSION, "POST", PATH, body);
            SignInRequest request = parse(body);
            if (request.account() == null || request.password() == null) {
                throw IamException.validation(BAD_BODY);
            }
            if (request.mfaCode() != null && !request.mfaCode().matches("\\d{6}")) {
                throw IamException.validation("mfaCode must be six digits");
            }
            String userName = request.userName() == null || request.userName().isEmpty() ? null : request.userName();
            return signIns.signIn(request.account(), userName, request.password(), request.mfaCode(),
                    new IdentityPeer.SignInOrigin(request.sourceIp(), request.userAgent(), request.loginTo()));
        }).map(ConsoleSessionResource::answer)
                .onFailure().recoverWithItem(failure -> QueryAnswers.send(ProblemErrors.render(failure, UUID.randomUUID().toString(), LOGGED)));
    }

    private SignInRequest parse(byte[] body) {
        try {
            SignInRequest request = json.readValue(body, SignInRequest.class);
            if (request == null) {
                throw IamException.validation(BAD_BODY);
            }
            return request;
        } catch (IOException e) {
            throw IamException.validation(BAD_BODY);
        }
    }

    private static Response answer(ConsoleSignIn.Outcome outcome) {
        var signedIn = outcome.signedIn();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accountId", signedIn.accountId());
        answer.put("arn", signedIn.arn());
        answer.put("userName", signedIn.userName());
        answer.put("root", signedIn.root());
        answer.put("passwordResetRequired", signedIn.passwordResetRequired());
        answer.put("passwordExpired", signedIn.passwordExpired());
        answer.put("mfaRequired", outcome.credentials() == null);
        answer.put("mfaAuthenticated", outcome.mfaAuthenticated());
        if (outcome.credentials() != null) {
            var c = outcome.credentials();
            answer.put("credentials", Map.of("accessKeyId", c.accessKeyId(), "secretAccessKey", c.secretAccessKey(),
                    "sessionToken", c.sessionToken(), "expiration", c.expiration().toString()));
        }
        return Response.ok(answer, MediaType.APPLICATION_JSON).build();
    }
}
