package dev.openiam.sts.signingkeys;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /internal/v1/session-keys}: the public session-signing keys, current and retired-but-still-verifying,
 * for the front doors that check session tokens (they read it again when a token names a key they do not know).
 */
@Path("/internal/v1/session-keys")
@Tag(name = "internal")
public class SessionKeysResource {

    private final SigningKeys keys;

    public SessionKeysResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @Produces("application/jwk-set+json")
    @Operation(summary = "sts-service's public session-signing keys (JWKS); public")
    public String keys() {
        return keys.published();
    }
}
