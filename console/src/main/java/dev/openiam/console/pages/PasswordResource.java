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
import jakarta.ws.rs.core.Response;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Change your password (ChangePassword, the caller's own, as the signed-in user). Shown first, before anything else,
 * when the password must be reset (PasswordResetRequired, or expired under the password policy).
 */
@Path("/password")
public class PasswordResource {

    private final ConsoleSessions sessions;
    private final AwsApi aws;
    private final Template password;

    public PasswordResource(ConsoleSessions sessions, AwsApi aws, @Location("password.html") Template password) {
        this.sessions = sessions;
        this.aws = aws;
        this.password = password;
    }

    @GET
    public Response form(@CookieParam(ConsoleSessions.COOKIE) String id) {
        ConsoleSession session = sessions.require(id);
        return page(200, session, null);
    }

    private Response page(int status, ConsoleSession session, String message) {
        return Pages.html(status, password.data("session", session).data("csrf", session.csrf()).data("message", message)
                .data("required", session.passwordChangeRequired()));
    }

    @POST
    public Response change(@CookieParam(ConsoleSessions.COOKIE) String id, @FormParam("csrf") String csrf,
                           @FormParam("oldPassword") String oldPassword, @FormParam("newPassword") String newPassword,
                           @FormParam("confirmPassword") String confirm) {
        ConsoleSession session = sessions.requireForm(id, csrf);
        if (session.root()) {
            return page(400, session, "The root user changes its password in Account settings.");
        }
        if (newPassword == null || !newPassword.equals(confirm)) {
            return page(400, session, "The new password and its confirmation differ.");
        }
        try {
            aws.iam(session, iam -> iam.changePassword(b -> b.oldPassword(oldPassword).newPassword(newPassword)));
        } catch (AwsServiceException e) {
            // the policy's rule the password breaks, or a wrong old password: shown on the form
            return page(e.statusCode(), session, e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
        }
        session.passwordChanged();
        return Pages.seeOther("/");
    }
}
