package dev.openiam.console.pages;

import dev.openiam.console.aws.AwsApi;
import dev.openiam.console.session.ConsoleSession;
import dev.openiam.console.session.ConsoleSessions;
import dev.openiam.console.web.Pages;
import dev.openiam.policy.Finding;
import dev.openiam.policy.PolicyEngine;
import dev.openiam.policy.PolicyType;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Policies: AWS-managed and customer-managed (filter by scope and name), Create policy with a JSON editor whose
 * findings come from the policy engine (errors block the create, warnings and suggestions are shown), and a policy's
 * page (the default version's document, versions, the entities it is attached to, a new version set as default).
 */
@Path("/policies")
public class PoliciesResource {

    static final String EXAMPLE = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": ["iam:Get*", "iam:List*"],
                  "Resource": "*"
                }
              ]
            }""";

    /** A policy as the list shows it (its ARN encoded for the link). */
    public record PolicyRow(String policyName, String arn, String link, int attachmentCount, String description) {
    }

    /** A finding as the editor shows it. */
    public record FindingRow(String severity, String cssClass, String code, String message, String location) {
        static List<FindingRow> of(List<Finding> findings) {
            return findings.stream().map(f -> new FindingRow(f.severity().name(), f.severity().name().toLowerCase(java.util.Locale.ROOT),
                    f.code(), f.message(), f.location())).toList();
        }
    }

    static String link(String arn) {
        return "/policies/view?arn=" + URLEncoder.encode(arn, StandardCharsets.UTF_8);
    }

    private final ConsoleSessions sessions;
    private final AwsApi aws;
    private final Template list;
    private final Template editor;
    private final Template policy;

    public PoliciesResource(ConsoleSessions sessions, AwsApi aws, @Location("policies.html") Template list,
                            @Location("policy-new.html") Template editor, @Location("policy.html") Template policy) {
        this.sessions = sessions;
        this.aws = aws;
        this.list = list;
        this.editor = editor;
        this.policy = policy;
    }

    @GET
    public Response list(@CookieParam(ConsoleSessions.COOKIE) String id, @QueryParam("scope") String scope,
                         @QueryParam("search") String search) {
        ConsoleSession session = sessions.require(id);
        PolicyScopeType type = "AWS".equals(scope) ? PolicyScopeType.AWS : "Local".equals(scope) ? PolicyScopeType.LOCAL : PolicyScopeType.ALL;
        String needle = search == null ? "" : search.trim().toLowerCase(java.util.Locale.ROOT);
        var policies = aws.iam(session, iam -> iam.listPoliciesPaginator(b -> b.scope(type)).policies().stream()
                .filter(p -> p.policyName().toLowerCase(java.util.Locale.ROOT).contains(needle)).limit(200)
                .map(p -> new PolicyRow(p.policyName(), p.arn(), link(p.arn()), p.attachmentCount() == null ? 0 : p.attachmentCount(),
                        p.description())).toList());
        return Pages.page(list.data("policies", policies).data("scope", type.toString()).data("search", search), session);
    }

    @GET
    @Path("new")
    public Response editor(@CookieParam(ConsoleSessions.COOKIE) String id) {
        ConsoleSession session = sessions.require(id);
        return editorPage(200, session, "", "", EXAMPLE, List.of(), null);
    }

    private Response editorPage(int status, ConsoleSession session, String name, String description, String document,
                                List<Finding> findings, String message) {
        return Pages.html(status, editor.data("name", name).data("description", description).data("document", document)
                .data("findings", FindingRow.of(findings)).data("message", message).data("session", session).data("csrf", session.csrf()));
    }

    /**
     * Validate (the editor's findings) or create. A document with an error finding is not sent; warnings do not stop
     * it, as AWS's console lets one go on.
     */
    @POST
    public Response create(@CookieParam(ConsoleSessions.COOKIE) String id, @FormParam("csrf") String csrf,
                           @FormParam("policyName") String name, @FormParam("description") String description,
                           @FormParam("document") String document, @FormParam("action") String action) {
        ConsoleSession session = sessions.requireForm(id, csrf);
        List<Finding> findings = PolicyEngine.validate(document == null ? "" : document, PolicyType.IDENTITY);
        boolean errors = findings.stream().anyMatch(Finding::isError);
        if ("validate".equals(action) || errors) {
            return editorPage(errors ? 400 : 200, session, name, description, document, findings,
                    errors ? "Fix the errors before creating the policy." : findings.isEmpty() ? "No findings." : null);
        }
        var created = aws.iam(session, iam -> iam.createPolicy(b -> b.policyName(name).policyDocument(document)
                .description(description == null || description.isBlank() ? null : description)).policy());
        return Pages.seeOther(link(created.arn()));
    }

    @GET
    @Path("view")
    public Response policy(@CookieParam(ConsoleSessions.COOKIE) String id, @QueryParam("arn") String arn) {
        ConsoleSession session = sessions.require(id);
        var found = aws.iam(session, iam -> iam.getPolicy(b -> b.policyArn(arn)).policy());
        var version = aws.iam(session, iam -> iam.getPolicyVersion(b -> b.policyArn(arn).versionId(found.defaultVersionId())).policyVersion());
        var versions = aws.iam(session, iam -> iam.listPolicyVersions(b -> b.policyArn(arn)).versions());
        var entities = aws.iam(session, iam -> iam.listEntitiesForPolicy(b -> b.policyArn(arn)));
        return Pages.page(policy.data("policy", found).data("document", URLDecoder.decode(version.document(), StandardCharsets.UTF_8))
                .data("versions", versions).data("users", entities.policyUsers()).data("groups", entities.policyGroups())
                .data("roles", entities.policyRoles()).data("awsManaged", arn.startsWith("arn:aws:iam::aws:"))
                .data("findings", List.<FindingRow>of()), session);
    }

    /** A new version, set as the default; its findings first, as in Create policy. */
    @POST
    @Path("versions")
    public Response newVersion(@CookieParam(ConsoleSessions.COOKIE) String id, @FormParam("csrf") String csrf,
                               @FormParam("arn") String arn, @FormParam("document") String document) {
        ConsoleSession session = sessions.requireForm(id, csrf);
        List<Finding> findings = PolicyEngine.validate(document == null ? "" : document, PolicyType.IDENTITY);
        if (findings.stream().anyMatch(Finding::isError)) {
            var found = aws.iam(session, iam -> iam.getPolicy(b -> b.policyArn(arn)).policy());
            var versions = aws.iam(session, iam -> iam.listPolicyVersions(b -> b.policyArn(arn)).versions());
            var entities = aws.iam(session, iam -> iam.listEntitiesForPolicy(b -> b.policyArn(arn)));
            return Pages.html(400, policy.data("policy", found).data("document", document).data("versions", versions)
                    .data("users", entities.policyUsers()).data("groups", entities.policyGroups()).data("roles", entities.policyRoles())
                    .data("awsManaged", false).data("findings", FindingRow.of(findings)).data("session", session)
                    .data("csrf", session.csrf()));
        }
        aws.iam(session, iam -> iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(document).setAsDefault(true)));
        return Pages.seeOther(link(arn));
    }
}
