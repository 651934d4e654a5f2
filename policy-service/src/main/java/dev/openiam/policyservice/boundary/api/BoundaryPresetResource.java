package dev.openiam.policyservice.boundary.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceTrust;
import dev.openiam.model.IamException;
import dev.openiam.policyservice.boundary.domain.BoundaryService;
import dev.openiam.policyservice.common.Principals.Kind;
import dev.openiam.policyservice.internal.Caller;
import dev.openiam.policyservice.principal.Principal;
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
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;
import java.util.Map;

/**
 * For the IAM front door only: the permissions boundary of a user or role it is about to create
 * (CreateUser/CreateRole with {@code PermissionsBoundary}, which it has authorized with
 * {@code iam:PermissionsBoundary}). Set first, under the id the principal will have, so the principal never
 * exists without its boundary; the policy must exist and be attachable. Answers the policy revision written.
 * The front door's forward token must be made for this body and for the CreateUser or CreateRole it performs.
 */
@Path(BoundaryPresetResource.PATH)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class BoundaryPresetResource {

    public static final String PATH = "/internal/v1/boundary-presets";

    /** The principal to be: {@code type} is {@code user} or {@code role}. */
    public record BoundaryPreset(String type, String id, String name, String path, String policyArn) {
    }

    private final ServiceTrust trust;
    private final BoundaryService boundaries;
    private final ObjectMapper json;

    public BoundaryPresetResource(ServiceTrust trust, BoundaryService boundaries, ObjectMapper json) {
        this.trust = trust;
        this.boundaries = boundaries;
        this.json = json;
    }

    @POST
    @Operation(summary = "Set the boundary of a user or role about to be created (internal; identity-service only)")
    public Uni<Map<String, Long>> preset(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body)
            throws IOException {
        var call = trust.verify(authorization, Purpose.FORWARD, "POST", PATH, body);
        BoundaryPreset preset = json.readValue(body, BoundaryPreset.class);
        if (preset == null || preset.id() == null || preset.name() == null || preset.path() == null
                || !("user".equals(preset.type()) || "role".equals(preset.type()))) {
            throw IamException.validation("type (user or role), id, name, path and policyArn are required");
        }
        Kind kind = "user".equals(preset.type()) ? Kind.USER : Kind.ROLE;
        Caller caller = Caller.forwarded(call, kind == Kind.USER ? "iam:CreateUser" : "iam:CreateRole", null);
        Principal principal = new Principal(preset.type(), preset.id(), preset.name(), preset.path(),
                "arn:aws:iam::" + caller.accountId() + ":" + preset.type() + preset.path() + preset.name());
        return boundaries.preset(caller, kind, principal, preset.policyArn()).map(c -> Map.of("revision", c.revision()));
    }

    /** The AWS error, as JSON the front door turns back into it. */
    @ServerExceptionMapper
    public Response error(IamException e) {
        return Response.status(e.code().httpStatus()).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("code", e.code().awsCode(), "message", e.getMessage())).build();
    }

}
