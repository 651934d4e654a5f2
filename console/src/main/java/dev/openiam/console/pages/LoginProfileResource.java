package dev.openiam.console.pages;

import dev.openiam.console.aws.AwsApi;
import dev.openiam.console.session.ConsoleSession;
import dev.openiam.console.session.ConsoleSessions;
import dev.openiam.console.web.Pages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A user's console password, on the Security credentials tab as AWS's console manages it: enable console access
 * (CreateLoginProfile, a custom or generated password, must-reset — which attaches {@code IAMUserChangePassword} as
 * the Add-user wizard does), reset the password (UpdateLoginProfile) and disable console access (DeleteLoginProfile).
 * A generated password is shown once; a refusal (PasswordPolicyViolation, AccessDenied, …) is shown on the user's page
 * with AWS's code and message, and changes nothing.
 */
@Path("/users/{name}/console-access")
public class LoginProfileResource {

    static final String SECTION = "console-password";

    private final ConsoleSessions sessions;
    private final AwsApi aws;
    private final UserPage userPage;
    private final Template shown;

    public LoginProfileResource(ConsoleSessions sessions, AwsApi aws, UserPage userPage, @Location("user-created.html") Template shown) {
        this.sessions = sessions;
        this.aws = aws;
        this.userPage = userPage;
        this.shown = shown;
    }

    /** {@code enable}: CreateLoginProfile; {@code reset}: UpdateLoginProfile. */
    @POST
    @Path("{action: enable|reset}")
    public Response set(@CookieParam(ConsoleSessions.COOKIE) String id, @FormParam("csrf") String csrf, @PathParam("name") String name,
                        @PathParam("action") String action, @FormParam("passwordMode") String mode,
                        @FormParam("password") String custom, @FormParam("mustReset") String mustReset, @Context UriInfo uri) {
        ConsoleSession session = sessions.requireForm(id, csrf);
        boolean reset = mustReset != null;
        boolean generated = !"custom".equals(mode);
        String password = generated ? Passwords.generate() : custom;
        if (password == null || password.isEmpty()) {
            return Pages.html(400, userPage.of(session, name, new UserPage.Failure(SECTION, "ValidationError",
                    "Enter the custom password, or let the console generate one.")).data("session", session).data("csrf", session.csrf()));
        }
        Response failed = attempt(session, name, () -> {
            if ("enable".equals(action)) {
                aws.iam(session, iam -> iam.createLoginProfile(b -> b.userName(name).password(password).passwordResetRequired(reset)));
            } else {
                aws.iam(session, iam -> iam.updateLoginProfile(b -> b.userName(name).password(password).passwordResetRequired(reset)));
            }
            if (reset) {
                // as AWS's console does: a user who must reset the password may change it
                aws.iam(session, iam -> iam.attachUserPolicy(b -> b.userName(name).policyArn(UsersResource.CHANGE_PASSWORD)));
            }
        });
        if (failed != null) {
            return failed;
        }
        String signInUrl = uri.getBaseUri().resolve("signin?account=" + session.accountId()).toString();
        return Pages.page(shown.data("created", new UsersResource.Created(name, generated ? password : null, reset, null, null, signInUrl))
                .data("passwordOnly", true), session);
    }

    @POST
    @Path("disable")
    public Response disable(@CookieParam(ConsoleSessions.COOKIE) String id, @FormParam("csrf") String csrf, @PathParam("name") String name) {
        ConsoleSession session = sessions.requireForm(id, csrf);
        Response failed = attempt(session, name, () -> aws.iam(session, iam -> iam.deleteLoginProfile(b -> b.userName(name))));
        return failed != null ? failed : Pages.seeOther(userPath(name) + "#" + SECTION);
    }

    /** Runs {@code change}; the user's page with AWS's refusal if it is refused, {@code null} if it is done. */
    private Response attempt(ConsoleSession session, String name, Runnable change) {
        try {
            change.run();
            return null;
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "ServiceFailure" : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            if (e.statusCode() >= 500) {
                throw e;
            }
            // (a user that is not there fails the page itself: the error page says so)
            return Pages.html(e.statusCode(), userPage.of(session, name, new UserPage.Failure(SECTION, code, message))
                    .data("session", session).data("csrf", session.csrf()));
        }
    }

    private static String userPath(String name) {
        return "/users/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }
}
