package dev.openiam.glue.trust;

import dev.openiam.internalauth.ServiceTrust;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /internal/v1/jwks}: this service's public signing key, for the services that verify its tokens. */
@Path("/internal/v1/jwks")
@Tag(name = "internal")
public class JwksResource {

    private final ServiceTrust trust;

    public JwksResource(ServiceTrust trust) {
        this.trust = trust;
    }

    @GET
    @Produces("application/jwk-set+json")
    @Operation(summary = "This service's public signing keys (JWKS); public")
    public String jwks() {
        return trust.publicJwks();
    }
}
