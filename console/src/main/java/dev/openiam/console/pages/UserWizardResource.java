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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.User;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Add-user wizard, as AWS's console has it: the form (name, console access with a generated or custom password
 * and must-reset, an access key, groups, a user to copy, policies attached directly, a boundary, tags), then its
 * review (Back to change it), and only when the review is confirmed the user is made — each step one public API call
 * as the signed-in person — and the password and key shown once. The form's choices wait in the session between the
 * steps ({@link UserDraft}); every step carries the session's CSRF token.
 */
@Path("/users/new")
public class UserWizardResource {

    private final ConsoleSessions sessions;
    private final AwsApi aws;
    private final PolicyChoices policies;
    private final Template form;
    private final Template review;
    private final Template created;

    public UserWizardResource(ConsoleSessions sessions, AwsApi aws, PolicyChoices policies, @Location("user-new.html") Template form,
                              @Location("user-review.html") Template review, @Location("user-created.html") Template created) {
        this.sessions = sessions;
        this.aws = aws;
        this.policies = policies;
        this.form = form;
        this.review = review;
        this.created = created;
    }

    /** A group the form offers, ticked or not. */
    public record GroupChoice(String name, boolean checked) {
    }

    /** The form, empty or (Back from the review) as {@code draft} left it. */
    @GET
    public Response form(@CookieParam(ConsoleSessions.COOKIE) String id, @QueryParam("draft") String draftId) {
        ConsoleSession session = sessions.require(id);
        UserDraft draft = session.draft(draftId, UserDraft.class);
        return formPage(200, session, draft == null ? UserDraft.empty() : draft, draft == null ? null : draftId, null);
    }

    private Response formPage(int status, ConsoleSession session, UserDraft draft, String draftId, String message) {
        List<GroupChoice> groups = aws.iam(session, iam -> iam.listGroupsPaginator().groups().stream()
                .map(g -> new GroupChoice(g.groupName(), draft.groups().contains(g.groupName()))).toList());
        List<String> users = aws.iam(session, iam -> iam.listUsersPaginator().users().stream().map(User::userName).toList());
        return Pages.html(status, form.data("groups", groups).data("users", users).data("draft", draft)
                .data("policies", policies.offered(session, draft.policies())).data("message", message)
                .data("draftId", draftId).data("session", session).data("csrf", session.csrf()));
    }

    /** Step 2: the choices to review; nothing is created yet. */
    @POST
    @Path("review")
    public Response review(@CookieParam(ConsoleSessions.COOKIE) String id, @FormParam("csrf") String csrf,
                           @FormParam("draft") String previous,
                           @FormParam("userName") String userName, @FormParam("path") String path,
                           @FormParam("consoleAccess") String consoleAccess, @FormParam("passwordMode") String passwordMode,
                           @FormParam("password") String password, @FormParam("mustReset") String mustReset,
                           @FormParam("group") List<String> groups, @FormParam("policy") List<String> ticked,
                           @FormParam("policyArns") String typed, @FormParam("boundary") String boundary,
                           @FormParam("tags") String tags, @FormParam("accessKey") String accessKey,
                           @FormParam("copyFrom") String copyFrom) {
        ConsoleSession session = sessions.requireForm(id, csrf);
        UserDraft draft = new UserDraft(trim(userName), trim(path), consoleAccess != null,
                "custom".equals(passwordMode) ? "custom" : "generated", "custom".equals(passwordMode) ? password : null,
                mustReset != null, accessKey != null, groups, ticked, typed, trim(copyFrom), trim(boundary), tags)
                .keepingPassword(session.draft(previous, UserDraft.class));
        String problem = draft.problem();
        if (problem != null) {
            return formPage(400, session, draft, previous, problem);
        }
        return Pages.page(review.data("draft", draft).data("draftId", session.keepDraft(draft)), session);
    }

    /** Step 3, from the review only: the user is made as reviewed. */
    @POST
    @Path("create")
    public Response create(@CookieParam(ConsoleSessions.COOKIE) String id, @FormParam("csrf") String csrf,
                           @FormParam("draft") String draftId, @Context UriInfo uri) {
        ConsoleSession session = sessions.requireForm(id, csrf);
        UserDraft draft = session.takeDraft(draftId, UserDraft.class);
        if (draft == null) {
            return formPage(400, session, UserDraft.empty(), null, "This review has expired or was already used: fill in the form again.");
        }
        String userName = draft.userName();
        String password = !draft.consoleAccess() ? null : draft.customPassword() ? draft.password() : Passwords.generate();
        Copied copied = draft.copies() ? copy(session, draft.copyFrom()) : Copied.NONE;
        String boundary = draft.boundaryArn() != null ? draft.boundaryArn() : copied.boundary();
        var tagList = draft.tagList();
        aws.iam(session, iam -> iam.createUser(b -> b.userName(userName).path(draft.path().isEmpty() ? null : draft.path())
                .permissionsBoundary(boundary).tags(tagList.isEmpty() ? null : tagList)));
        if (draft.consoleAccess()) {
            aws.iam(session, iam -> iam.createLoginProfile(b -> b.userName(userName).password(password)
                    .passwordResetRequired(draft.resetRequired())));
        }
        Set<String> groups = new LinkedHashSet<>(draft.groups());
        groups.addAll(copied.groups());
        for (String group : groups) {
            aws.iam(session, iam -> iam.addUserToGroup(b -> b.userName(userName).groupName(group)));
        }
        copied.inline().forEach((policyName, document) ->
                aws.iam(session, iam -> iam.putUserPolicy(b -> b.userName(userName).policyName(policyName).policyDocument(document))));
        Set<String> arns = new LinkedHashSet<>(draft.attachedPolicies());
        arns.addAll(copied.attached());
        for (String arn : arns) {
            aws.iam(session, iam -> iam.attachUserPolicy(b -> b.userName(userName).policyArn(arn)));
        }
        AccessKey key = draft.accessKey() ? aws.iam(session, iam -> iam.createAccessKey(b -> b.userName(userName)).accessKey()) : null;
        String signInUrl = uri.getBaseUri().resolve("signin?account=" + session.accountId()).toString();
        return Pages.page(created.data("created", new UsersResource.Created(userName, password, draft.resetRequired(),
                key == null ? null : key.accessKeyId(), key == null ? null : key.secretAccessKey(), signInUrl)), session);
    }

    /** What "copy permissions" takes from another user, as AWS's console copies it. */
    record Copied(List<String> groups, List<String> attached, Map<String, String> inline, String boundary) {
        static final Copied NONE = new Copied(List.of(), List.of(), Map.of(), null);
    }

    private Copied copy(ConsoleSession session, String from) {
        return aws.iam(session, iam -> {
            User source = iam.getUser(b -> b.userName(from)).user();
            Map<String, String> inline = new LinkedHashMap<>();
            for (String name : iam.listUserPoliciesPaginator(b -> b.userName(from)).policyNames()) {
                // the API answers the document URL-encoded, as AWS's does
                String encoded = iam.getUserPolicy(b -> b.userName(from).policyName(name)).policyDocument();
                inline.put(name, URLDecoder.decode(encoded, StandardCharsets.UTF_8));
            }
            return new Copied(iam.listGroupsForUserPaginator(b -> b.userName(from)).groups().stream().map(g -> g.groupName()).toList(),
                    iam.listAttachedUserPoliciesPaginator(b -> b.userName(from)).attachedPolicies().stream().map(p -> p.policyArn()).toList(),
                    inline, source.permissionsBoundary() == null ? null : source.permissionsBoundary().permissionsBoundaryArn());
        });
    }

    private static String trim(String value) {
        return value == null ? "" : value.trim();
    }
}
