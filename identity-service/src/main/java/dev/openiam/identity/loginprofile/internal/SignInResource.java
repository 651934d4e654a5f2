package dev.openiam.identity.loginprofile.internal;

import dev.openiam.identity.loginprofile.domain.SignInService;
import dev.openiam.identity.auth.internal.InternalRequests;
import dev.openiam.internalauth.Purpose;
import dev.openiam.model.IamException;
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
 * For the console (and sts-service): checks a console password. Callers present a token of purpose {@code sign-in}
 * signed with their own key and bound to this exact body ({@code iam.trust.allow.sign-in} names who may).
 */
@Path(SignInResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class SignInResource {

    public static final String PATH = "/internal/v1/sign-in";

    /** {@code account} is the account id or alias; no {@code userName}: the root user. */
    public record SignInRequest(String account, String userName, String password) {
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
        return signIns.signIn(request.account(), request.userName(), request.password());
    }
}
