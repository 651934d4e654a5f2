package dev.openiam.identity.auth;

import dev.openiam.glue.denial.AuthorizationMessage;
import dev.openiam.glue.denial.AuthorizationMessages;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Authenticates and authorizes the REST API ({@code /v1/…}): credentials are an access key id and
 * secret in HTTP Basic form, to be sent over TLS. Until policy-service decides for IAM users, only the
 * account's root may use its account's API (fail closed); a call for another account is denied.
 */
public class RestAuthentication {

    private final CallerAuthenticator authenticator;
    private final CurrentCaller current;
    private final AuthorizationMessages messages;

    public RestAuthentication(CallerAuthenticator authenticator, CurrentCaller current, AuthorizationMessages messages) {
        this.messages = messages;
        this.authenticator = authenticator;
        this.current = current;
    }

    @ServerRequestFilter
    public Uni<Void> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/v1/")) {
            return Uni.createFrom().voidItem();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new IamException(ErrorCode.MISSING_AUTHENTICATION_TOKEN, "Request is missing Authentication Token");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IamException(ErrorCode.INCOMPLETE_SIGNATURE, "Authorization header is not valid Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new IamException(ErrorCode.INCOMPLETE_SIGNATURE, "Authorization header is not valid Basic credentials");
        }
        String pathAccount = request.getUriInfo().getPathParameters().getFirst("accountId");
        return authenticator.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1)).invoke(caller -> {
            boolean ownAccount = pathAccount == null || pathAccount.equals(caller.accountId());
            if (!caller.root() || !ownAccount) {
                String action = request.getMethod() + " " + path;
                throw messages.denied("User: " + caller.arn() + " is not authorized to perform: " + action
                        + " because no identity-based policy allows it",
                        AuthorizationMessage.denied(caller.principalId(), caller.arn(), action, path));
            }
            current.set(caller);
        }).replaceWithVoid();
    }
}
