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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Users: the list (search within the page, paging with IAM's marker), the Add-user wizard (console access with a
 * generated or custom password and must-reset, groups, policies attached directly, a permissions boundary, tags,
 * an access key; the password and keys shown once), and a user's page (permissions, groups, tags, security
 * credentials). Every step is one public API call as the signed-in person.
 */
@Path("/users")
public class UsersResource {

    static final String CHANGE_PASSWORD = "arn:aws:iam::aws:policy/IAMUserChangePassword";

    private final ConsoleSessions sessions;
    private final AwsApi aws;
    private final PolicyChoices policies;
    private final Template list;
    private final Template wizard;
    private final Template created;
    private final Template user;

    public UsersResource(ConsoleSessions sessions, AwsApi aws, PolicyChoices policies, @Location("users.html") Template list,
                         @Location("user-new.html") Template wizard, @Location("user-created.html") Template created,
                         @Location("user.html") Template user) {
        this.sessions = sessions;
        this.aws = aws;
        this.policies = policies;
        this.list = list;
        this.wizard = wizard;
        this.created = created;
        this.user = user;
    }

    @GET
    public Response list(@CookieParam(ConsoleSessions.COOKIE) String id, @QueryParam("search") String search,
                         @QueryParam("marker") String marker) {
        ConsoleSession session = sessions.require(id);
        var page = aws.iam(session, iam -> iam.listUsers(b -> b.maxItems(50).marker(marker == null || marker.isEmpty() ? null : marker)));
        String needle = search == null ? "" : search.trim().toLowerCase(Locale.ROOT);
        List<User> users = page.users().stream().filter(u -> u.userName().toLowerCase(Locale.ROOT).contains(needle)).toList();
        String next = Boolean.TRUE.equals(page.isTruncated())
                ? "/users?marker=" + URLEncoder.encode(page.marker(), StandardCharsets.UTF_8)
                + (needle.isEmpty() ? "" : "&search=" + URLEncoder.encode(needle, StandardCharsets.UTF_8)) : null;
        return Pages.page(list.data("users", users).data("search", search).data("next", next), session);
    }

    @GET
    @Path("new")
    public Response wizard(@CookieParam(ConsoleSessions.COOKIE) String id) {
        ConsoleSession session = sessions.require(id);
        return wizardPage(200, session, null);
    }

    private Response wizardPage(int status, ConsoleSession session, String message) {
        List<String> groups = aws.iam(session, iam -> iam.listGroupsPaginator().groups().stream().map(g -> g.groupName()).toList());
        List<String> users = aws.iam(session, iam -> iam.listUsersPaginator().users().stream().map(User::userName).toList());
        return Pages.html(status, wizard.data("groups", groups).data("users", users).data("policies", policies.offered(session)).data("message", message)
                .data("session", session).data("csrf", session.csrf()));
    }

    /** What the wizard shows once: the password and the access key. */
    public record Created(String userName, String password, boolean mustReset, String accessKeyId, String secretAccessKey,
                          String signInUrl) {

        /**
         * The same as a CSV file to save, as AWS's console offers it (its columns), in a {@code data:} link: the
         * secrets are not sent to the console again.
         */
        public String csvLink() {
            StringBuilder csv = new StringBuilder("User name,Password,Access key ID,Secret access key,Console sign-in URL\r\n");
            csv.append(String.join(",", cell(userName), cell(password), cell(accessKeyId), cell(secretAccessKey), cell(signInUrl)))
                    .append("\r\n");
            return "data:text/csv;charset=utf-8," + java.net.URLEncoder.encode(csv.toString(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20");
        }

        private static String cell(String value) {
            return value == null ? "" : "\"" + value.replace("\"", "\"\"") + "\"";
        }
    }

    @POST
    public Response create(@CookieParam(ConsoleSessions.COOKIE) String id, @FormParam("csrf") String csrf,
                           @FormParam("userName") String userName, @FormParam("path") String path,
                           @FormParam("consoleAccess") String consoleAccess, @FormParam("passwordMode") String passwordMode,
                           @FormParam("password") String customPassword, @FormParam("mustReset") String mustReset,
                           @FormParam("group") List<String> groups, @FormParam("policy") List<String> ticked,
                           @FormParam("policyArns") String typed, @FormParam("boundary") String boundary,
                           @FormParam("tags") String tags, @FormParam("accessKey") String accessKey,
                           @FormParam("copyFrom") String copyFrom,
                           @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        ConsoleSession session = sessions.requireForm(id, csrf);
        List<Tag> tagList;
        try {
            tagList = tags(tags);
        } catch (IllegalArgumentException e) {
            return wizardPage(400, session, e.getMessage());
        }
        boolean console = consoleAccess != null;
        String password = !console ? null : "custom".equals(passwordMode) ? customPassword : Passwords.generate();
        if (console && (password == null || password.isEmpty())) {
            return wizardPage(400, session, "Enter the custom password, or let the console generate one.");
        }
        Copied copied = copyFrom == null || copyFrom.isBlank() ? Copied.NONE : copy(session, copyFrom);
        String blankBoundary = boundary != null && !boundary.isBlank() ? boundary.trim() : copied.boundary();
        aws.iam(session, iam -> iam.createUser(b -> b.userName(userName).path(path == null || path.isBlank() ? null : path.trim())
                .permissionsBoundary(blankBoundary).tags(tagList.isEmpty() ? null : tagList)));
        boolean reset = console && mustReset != null;
        if (console) {
            aws.iam(session, iam -> iam.createLoginProfile(b -> b.userName(userName).password(password).passwordResetRequired(reset)));
        }
        java.util.Set<String> allGroups = new java.util.LinkedHashSet<>(groups == null ? List.of() : groups);
        allGroups.addAll(copied.groups());
        for (String group : allGroups) {
            aws.iam(session, iam -> iam.addUserToGroup(b -> b.userName(userName).groupName(group)));
        }
        copied.inline().forEach((policyName, document) ->
                aws.iam(session, iam -> iam.putUserPolicy(b -> b.userName(userName).policyName(policyName).policyDocument(document))));
        List<String> arns = PolicyChoices.chosen(ticked, typed);
        copied.attached().stream().filter(arn -> !arns.contains(arn)).forEach(arns::add);
        if (reset && !arns.contains(CHANGE_PASSWORD)) {
            // as the AWS console does: a user who must reset the password may change it
            arns.add(CHANGE_PASSWORD);
        }
        for (String arn : arns) {
            aws.iam(session, iam -> iam.attachUserPolicy(b -> b.userName(userName).policyArn(arn)));
        }
        AccessKey key = accessKey == null ? null : aws.iam(session, iam -> iam.createAccessKey(b -> b.userName(userName)).accessKey());
        String signInUrl = uri.getBaseUri().resolve("signin?account=" + session.accountId()).toString();
        return Pages.page(created.data("created", new Created(userName, password, reset, key == null ? null : key.accessKeyId(),
                key == null ? null : key.secretAccessKey(), signInUrl)), session);
    }

    /** What "copy permissions" takes from another user, as AWS's console copies it. */
    record Copied(List<String> groups, List<String> attached, Map<String, String> inline, String boundary) {
        static final Copied NONE = new Copied(List.of(), List.of(), Map.of(), null);
    }

    private Copied copy(ConsoleSession session, String from) {
        return aws.iam(session, iam -> {
            User source = iam.getUser(b -> b.userName(from)).user();
            Map<String, String> inline = new java.util.LinkedHashMap<>();
            for (String name : iam.listUserPoliciesPaginator(b -> b.userName(from)).policyNames()) {
                // the API answers the document URL-encoded, as AWS's does
                String encoded = iam.getUserPolicy(b -> b.userName(from).policyName(name)).policyDocument();
                inline.put(name, java.net.URLDecoder.decode(encoded, StandardCharsets.UTF_8));
            }
            return new Copied(iam.listGroupsForUserPaginator(b -> b.userName(from)).groups().stream().map(g -> g.groupName()).toList(),
                    iam.listAttachedUserPoliciesPaginator(b -> b.userName(from)).attachedPolicies().stream().map(p -> p.policyArn()).toList(),
                    inline, source.permissionsBoundary() == null ? null : source.permissionsBoundary().permissionsBoundaryArn());
        });
    }

    /** Tags typed one per line as {@code key=value}. */
    static List<Tag> tags(String typed) {
        List<Tag> tags = new ArrayList<>();
        if (typed == null) {
            return tags;
        }
        for (String line : typed.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("Write each tag on its own line as key=value.");
            }
            tags.add(Tag.builder().key(line.substring(0, equals).trim()).value(line.substring(equals + 1).trim()).build());
        }
        return tags;
    }

    /** A user's access key as its page shows it, with its last use. */
    public record KeyRow(String accessKeyId, String status, String created, String lastUsed, String lastService) {
    }

    /** Security credentials: a new access key for the user (its secret shown once, as when the user was created). */
    @POST
    @Path("{name}/access-keys")
    public Response createKey(@CookieParam(ConsoleSessions.COOKIE) String id, @FormParam("csrf") String csrf,
                              @PathParam("name") String name, @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        ConsoleSession session = sessions.requireForm(id, csrf);
        AccessKey key = aws.iam(session, iam -> iam.createAccessKey(b -> b.userName(name)).accessKey());
        String signInUrl = uri.getBaseUri().resolve("signin?account=" + session.accountId()).toString();
        return Pages.page(created.data("created", new Created(name, null, false, key.accessKeyId(), key.secretAccessKey(), signInUrl))
                .data("keyOnly", true), session);
    }

    /** Security credentials: an access key made active or inactive ({@code status}), or deleted ({@code delete}). */
    @POST
    @Path("{name}/access-keys/{key}")
    public Response changeKey(@CookieParam(ConsoleSessions.COOKIE) String id, @FormParam("csrf") String csrf,
                              @PathParam("name") String name, @PathParam("key") String key, @FormParam("status") String status,
                              @FormParam("delete") String delete) {
        ConsoleSession session = sessions.requireForm(id, csrf);
        if (delete != null) {
            aws.iam(session, iam -> iam.deleteAccessKey(b -> b.userName(name).accessKeyId(key)));
        } else {
            aws.iam(session, iam -> iam.updateAccessKey(b -> b.userName(name).accessKeyId(key).status(status)));
        }
        return Pages.seeOther("/users/" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8) + "#access-keys");
    }

    @GET
    @Path("{name}")
    public Response user(@CookieParam(ConsoleSessions.COOKIE) String id, @PathParam("name") String name) {
        ConsoleSession session = sessions.require(id);
        User found = aws.iam(session, iam -> iam.getUser(b -> b.userName(name)).user());
        var attached = aws.iam(session, iam -> iam.listAttachedUserPolicies(b -> b.userName(name)).attachedPolicies());
        var inline = aws.iam(session, iam -> iam.listUserPolicies(b -> b.userName(name)).policyNames());
        var groups = aws.iam(session, iam -> iam.listGroupsForUser(b -> b.userName(name)).groups());
        var tags = aws.iam(session, iam -> iam.listUserTags(b -> b.userName(name)).tags());
        var mfa = aws.iam(session, iam -> iam.listMFADevices(b -> b.userName(name)).mfaDevices());
        boolean hasPassword;
        try {
            aws.iam(session, iam -> iam.getLoginProfile(b -> b.userName(name)));
            hasPassword = true;
        } catch (NoSuchEntityException e) {
            hasPassword = false;
        }
        List<KeyRow> keys = aws.iam(session, iam -> iam.listAccessKeys(b -> b.userName(name)).accessKeyMetadata().stream()
                .map(k -> {
                    var used = iam.getAccessKeyLastUsed(b -> b.accessKeyId(k.accessKeyId())).accessKeyLastUsed();
                    return new KeyRow(k.accessKeyId(), k.statusAsString(), String.valueOf(k.createDate()),
                            used.lastUsedDate() == null ? "never" : used.lastUsedDate().toString(), used.serviceName());
                }).toList());
        return Pages.page(user.data("user", found).data("attached", attached).data("inline", inline).data("groups", groups)
                .data("tags", tags).data("mfa", mfa).data("hasPassword", hasPassword).data("keys", keys), session);
    }
}
