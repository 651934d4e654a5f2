package dev.openiam.identity.oidcprovider.internal;

import dev.openiam.identity.oidcprovider.domain.OidcProvider;
import dev.openiam.identity.oidcprovider.domain.OidcProviderService;
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
 * For sts-service's AssumeRoleWithWebIdentity: the account's OpenID Connect provider for an issuer URL (host and path,
 * as stored: without {@code https://}), with its client ids and thumbprints; NoSuchEntity when the account has none.
 * Callers present a token of purpose {@code oidc-provider-lookup} bound to this exact body.
 */
@Path(OidcProviderLookupResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class OidcProviderLookupResource {

    public static final String PATH = "/internal/v1/oidc-providers/lookup";

    public record LookupRequest(String accountId, String url) {
    }

    private final OidcProviderService providers;
    private final InternalRequests requests;

    public OidcProviderLookupResource(OidcProviderService providers, InternalRequests requests) {
        this.providers = providers;
        this.requests = requests;
    }

    @POST
    @Operation(summary = "The OpenID Connect provider of an account for an issuer URL (for sts-service)")
    public Uni<OidcProvider> lookup(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        LookupRequest request = requests.read(authorization, Purpose.OIDC_PROVIDER_LOOKUP, PATH, body, LookupRequest.class,
                "accountId and url are required");
        if (request.url() == null) {
            throw IamException.validation("accountId and url are required");
        }
        Rules.matching("accountId", request.accountId(), 12, 12, "\\d{12}");
        Rules.length("url", request.url(), 1, 255);
        return providers.byUrl(request.accountId(), request.url());
    }
}
