package dev.openiam.console.pages;

import dev.openiam.console.aws.AwsApi;
import dev.openiam.console.session.ConsoleSession;
import dev.openiam.console.session.ConsoleSessions;
import dev.openiam.console.web.Pages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Roles: the list, the Create-role wizard (trusted entity: an AWS service, another account with ExternalId and MFA,
 * web identity, or a custom trust policy; permissions; name, description, maximum session duration; an instance
 * profile of the same name for EC2, as AWS's console makes one), and a role's page (trust relationships, permissions,
 * instance profiles, revoking its active sessions).
 */
@Path("/roles")
public class RolesResource {

    /** AWS's console's name for the inline policy that revokes older sessions. */
    static final String REVOKE_POLICY = "AWSRevokeOlderSessions";

    private final ConsoleSessions sessions;
    private final AwsApi aws;
    private final PolicyChoices policies;
    private final Template list;
    private final Template wizard;
    private final Template role;

    public RolesResource(ConsoleSessions sessions, AwsApi aws, PolicyChoices policies, @Location("roles.html") Template list,
                         @Location("role-new.html") Template wizard, @Location("role.html") Template role) {
        this.sessions = sessions;
        this.aws = aws;
        this.policies = policies;
        this.list = list;
        this.wizard = wizard;
        this.role = role;
    }

    @GET
    public Response list(@CookieParam(ConsoleSessions.COOKIE) String id) {
        ConsoleSession session = sessions.require(id);
        return Pages.page(list.data("roles", aws.iam(session, iam -> iam.listRolesPaginator().roles().stream().toList())), session);
    }

    /** A service the wizard offers. */
    public record Service(String name, String principal) {
    }

    @GET
    @Path("new")
    public Response wizard(@CookieParam(ConsoleSessions.COOKIE) String id) {
        ConsoleSession session = sessions.require(id);
        return wizardPage(200, session, null);
    }

    private Response wizardPage(int status, ConsoleSession session, String message) {
        List<String> providers = aws.iam(session, iam -> iam.listOpenIDConnectProviders().openIDConnectProviderList().stream()
                .map(p -> p.arn()).toList());
        return Pages.html(status, wizard.data("services", PolicyDocuments.SERVICES.stream().map(s -> new Service(s[0], s[1])).toList())
                .data("providers", providers).data("policies", policies.offered(session)).data("message", message)
                .data("accountId", session.accountId()).data("session", session).data("csrf", session.csrf()));
    }

    @POST
    public Response create(@CookieParam(ConsoleSessions.COOKIE) String id, @FormParam("csrf") String csrf,
                           @FormParam("trusted") String trusted, @FormParam("service") String service,
                           @FormParam("otherAccount") String otherAccount, @FormParam("externalId") String externalId,
                           @FormParam("requireMfa") String requireMfa, @FormParam("provider") String provider,
                           @FormParam("audience") String audience, @FormParam("customTrust") String customTrust,
                           @FormParam("roleName") String roleName, @FormParam("description") String description,
                           @FormParam("maxSessionHours") Integer maxSessionHours, @FormParam("policy") List<String> ticked,
                           @FormParam("policyArns") String typed) {
        ConsoleSession session = sessions.requireForm(id, csrf);
        String trust;
        switch (trusted == null ? "" : trusted) {
            case "service" -> trust = PolicyDocuments.service(service);
            case "account" -> trust = PolicyDocuments.account(otherAccount == null || otherAccount.isBlank() ? session.accountId()
                    : otherAccount.trim(), externalId, requireMfa != null);
            case "web-identity" -> {
                if (provider == null || provider.isBlank()) {
                    return wizardPage(400, session, "Choose the identity provider to trust.");
                }
                trust = PolicyDocuments.webIdentity(provider, audience);
            }
            case "custom" -> trust = customTrust;
            default -> {
                return wizardPage(400, session, "Choose the trusted entity.");
            }
        }
        String policy = trust;
        int hours = maxSessionHours == null ? 1 : maxSessionHours;
        aws.iam(session, iam -> iam.createRole(b -> b.roleName(roleName).assumeRolePolicyDocument(policy)
                .description(description == null || description.isBlank() ? null : description)
                .maxSessionDuration(hours * 3600)));
        for (String arn : PolicyChoices.chosen(ticked, typed)) {
            aws.iam(session, iam -> iam.attachRolePolicy(b -> b.roleName(roleName).policyArn(arn)));
        }
        if ("service".equals(trusted) && "ec2.amazonaws.com".equals(service)) {
            // as AWS's console does for EC2: an instance profile of the same name, holding the role
            aws.iam(session, iam -> iam.createInstanceProfile(b -> b.instanceProfileName(roleName)));
            aws.iam(session, iam -> iam.addRoleToInstanceProfile(b -> b.instanceProfileName(roleName).roleName(roleName)));
        }
        return Pages.seeOther("/roles/" + URLEncoder.encode(roleName, StandardCharsets.UTF_8));
    }

    @GET
    @Path("{name}")
    public Response role(@CookieParam(ConsoleSessions.COOKIE) String id, @PathParam("name") String name) {
        ConsoleSession session = sessions.require(id);
        var found = aws.iam(session, iam -> iam.getRole(b -> b.roleName(name)).role());
        var attached = aws.iam(session, iam -> iam.listAttachedRolePolicies(b -> b.roleName(name)).attachedPolicies());
        var inline = aws.iam(session, iam -> iam.listRolePolicies(b -> b.roleName(name)).policyNames());
        var profiles = aws.iam(session, iam -> iam.listInstanceProfilesForRole(b -> b.roleName(name)).instanceProfiles());
        String trust = URLDecoder.decode(found.assumeRolePolicyDocument(), StandardCharsets.UTF_8);
        return Pages.page(role.data("role", found).data("trust", trust).data("attached", attached).data("inline", inline)
                .data("profiles", profiles).data("maxSessionHours", found.maxSessionDuration() / 3600), session);
    }

    /**
     * Revoke active sessions, as AWS's console does: an inline policy denying everything to sessions issued before
     * now ({@code aws:TokenIssueTime}), in force on the next call.
     */
    @POST
    @Path("{name}/revoke-sessions")
    public Response revoke(@CookieParam(ConsoleSessions.COOKIE) String id, @FormParam("csrf") String csrf,
                           @PathParam("name") String name) {
        ConsoleSession session = sessions.requireForm(id, csrf);
        String policy = PolicyDocuments.revokeOlderSessions(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        aws.iam(session, iam -> iam.putRolePolicy(b -> b.roleName(name).policyName(REVOKE_POLICY).policyDocument(policy)));
        return Pages.seeOther("/roles/" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    }
}
