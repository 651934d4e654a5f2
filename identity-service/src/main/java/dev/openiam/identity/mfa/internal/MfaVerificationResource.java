package dev.openiam.identity.mfa.internal;

import dev.openiam.identity.mfa.domain.MfaPrincipal;
import dev.openiam.identity.mfa.domain.MfaVerifier;
import dev.openiam.identity.auth.internal.InternalRequests;
import dev.openiam.internalauth.Purpose;
import dev.openiam.model.IamException;
import dev.openiam.model.rules.Rules;
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
 * For the services that sign principals in with MFA (sts-service's GetSessionToken with {@code SerialNumber} and
 * {@code TokenCode}; the console's sign-in): checks a TOTP code of an account's MFA device and answers whom the
 * device is assigned to, so the caller can check it is the principal signing in; InvalidAuthenticationCode (403)
 * otherwise. A code is accepted once. Callers present a token of purpose {@code verify-mfa} bound to this exact body.
 */
@Path(MfaVerificationResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class MfaVerificationResource {

    public static final String PATH = "/internal/v1/verify-mfa";

    public record VerifyRequest(String accountId, String serialNumber, String tokenCode) {
    }

    private final MfaVerifier verifier;
    private final InternalRequests requests;

    public MfaVerificationResource(MfaVerifier verifier, InternalRequests requests) {
        this.verifier = verifier;
        this.requests = requests;
    }

    @POST
    @Operation(summary = "Verify a TOTP code of an MFA device; answers the user (or root) it is assigned to")
    public Uni<MfaPrincipal> verify(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        VerifyRequest request = requests.read(authorization, Purpose.VERIFY_MFA, PATH, body, VerifyRequest.class,
                "accountId, serialNumber and tokenCode are required");
        Rules.matching("accountId", request.accountId(), 12, 12, "\\d{12}");
        return verifier.verify(request.accountId(), request.serialNumber(), request.tokenCode());
    }
}
