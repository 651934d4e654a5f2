package dev.openiam.identity.instanceprofile.internal;

import dev.openiam.identity.instanceprofile.domain.InstanceProfile;
import dev.openiam.identity.instanceprofile.domain.InstanceProfileService;
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
    private final InternalRequests requests;

    public InstanceProfileLookupResource(InstanceProfileService profiles, InternalRequests requests) {
        this.profiles = profiles;
        this.requests = requests;
    }

    @POST
    @Operation(summary = "An instance profile and its role (for sts-service)")
    public Uni<InstanceProfile> lookup(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        LookupRequest request = requests.read(authorization, Purpose.INSTANCE_PROFILE_LOOKUP, PATH, body, LookupRequest.class,
                "accountId and instanceProfileName are required");
        Rules.matching("accountId", request.accountId(), 12, 12, "\\d{12}");
        return profiles.get(request.accountId(), request.instanceProfileName());
    }
}
