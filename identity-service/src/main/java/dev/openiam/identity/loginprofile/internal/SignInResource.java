package dev.openiam.identity.loginprofile.internal;

import dev.openiam.audittrail.ConsoleLogins;
import dev.openiam.identity.loginprofile.domain.SignInService;
import dev.openiam.identity.auth.internal.InternalRequests;
import dev.openiam.internalauth.Purpose;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * For sts-service's console sign-in: checks a console password and the MFA code that follows it, and records the
 * sign-in (CloudTrail's ConsoleLogin). Callers present a token of purpose {@code sign-in}
 * signed with their own key and bound to this exact body ({@code iam.trust.allow.sign-in} names who may).
 */
@Path(SignInResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class SignInResource {

    public static final String PATH = "/internal/v1/sign-in";

    /**
     * {@code account} is the account id or alias; no {@code userName}: the root user; {@code mfaCode} the device's code
     * when asked for; {@code sourceIp}, {@code userAgent} and {@code loginTo} (the console URL) for the sign-in's record.
     */
    public record SignInRequest(String account, String userName, String password, String mfaCode, String sourceIp,
                                String userAgent, String loginTo) {
        @Override
        public String toString() {
            return "SignInRequest[account=" + account + ", userName=" + userName + "]";
        }
    }

    private final SignInService signIns;
    private final InternalRequests requests;

    public SignInResource(SignInService signIns, InternalRequests requests) {
        this.signIns = signIns;
        this.requests = requests;
    }

    @POST
    @Operation(summary = "Check a console password (account id or alias, user name or none for root)")
    public Uni<SignInService.SignedIn> signIn(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        SignInRequest request = requests.read(authorization, Purpose.SIGN_IN, PATH, body, SignInRequest.class,
                "the body must be a JSON object with account, userName and password");
        return signIns.signIn(request.account(), request.userName(), request.password(), request.mfaCode(),
                new ConsoleLogins.Origin(request.sourceIp(), request.userAgent(), request.loginTo()));
    }
}
