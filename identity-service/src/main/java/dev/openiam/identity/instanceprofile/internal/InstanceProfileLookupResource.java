package dev.openiam.identity.instanceprofile.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.identity.instanceprofile.domain.InstanceProfile;
import dev.openiam.identity.instanceprofile.domain.InstanceProfileService;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceTrust;
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

import java.io.IOException;

/**
 * For sts-service's metadata endpoints: an instance profile as stored now, with its role (none or one), by account and
 * name — what EC2 reads when an instance asks for its role's credentials. NoSuchEntity when there is no such profile.
 * Callers present a token of purpose {@code instance-profile-lookup} bound to this exact body.
 */
@Path(InstanceProfileLookupResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class InstanceProfileLookupResource {

    public static final String PATH = "/internal/v1/instance-profiles/lookup";

    public record LookupRequest(String accountId, String instanceProfileName) {
    }

    private final InstanceProfileService profiles;
    private final ServiceTrust trust;
    private final ObjectMapper json;

    public InstanceProfileLookupResource(InstanceProfileService profiles, ServiceTrust trust, ObjectMapper json) {
        this.profiles = profiles;
        this.trust = trust;
        this.json = json;
    }

    @POST
    @Operation(summary = "An instance profile and its role (for sts-service)")
    public Uni<InstanceProfile> lookup(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) throws IOException {
        trust.verify(authorization, Purpose.INSTANCE_PROFILE_LOOKUP, "POST", PATH, body);
        LookupRequest request = json.readValue(body, LookupRequest.class);
        if (request == null) {
            throw IamException.validation("accountId and instanceProfileName are required");
        }
        Rules.matching("accountId", request.accountId(), 12, 12, "\\d{12}");
        return profiles.get(request.accountId(), request.instanceProfileName());
    }
}
