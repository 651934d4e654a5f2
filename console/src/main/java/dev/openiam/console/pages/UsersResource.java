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
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Users: the list (search within the page, paging with IAM's marker) and a user's page (permissions, groups, tags,
 * security credentials: access keys; the console password is {@link LoginProfileResource}'s, the Add-user wizard
 * {@link UserWizardResource}'s). Every step is one public API call as the signed-in person.
 */
@Path("/users")
public class UsersResource {

    static final String CHANGE_PASSWORD = "arn:aws:iam::aws:policy/IAMUserChangePassword";

    private final ConsoleSessions sessions;
    private final AwsApi aws;
    private final Template list;
    private final Template created;
    private final UserPage userPage;

    public UsersResource(ConsoleSessions sessions, AwsApi aws, @Location("users.html") Template list,
                         @Location("user-created.html") Template created, UserPage userPage) {
        this.sessions = sessions;
        this.aws = aws;
        this.list = list;
        this.created = created;
        this.userPage = userPage;
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
        return Pages.page(userPage.of(session, name, null), session);
    }
}
