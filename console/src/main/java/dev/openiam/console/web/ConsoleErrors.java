package dev.openiam.console.web;

import dev.openiam.console.session.ConsoleSession;
import dev.openiam.console.session.ConsoleSessions;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * How a page fails: not signed in → the sign-in form; a form without its CSRF token → 403; an AWS error (a denied
 * action shows AWS's AccessDenied message, as the AWS console does) → the page of that error; anything else → a
 * plain 500 page (details only in the log).
 */
public class ConsoleErrors {

    private static final Logger LOG = Logger.getLogger(ConsoleErrors.class);

    @Inject
    @Location("error.html")
    Template error;
    @Inject
    ConsoleSessions sessions;

    /** The error page, with the header of the person still signed in (navigation, sign-out). */
    private TemplateInstance page(HttpHeaders headers, int status, String code, String message) {
        TemplateInstance page = error.data("status", status).data("code", code).data("message", message);
        Cookie cookie = headers == null ? null : headers.getCookies().get(ConsoleSessions.COOKIE);
        ConsoleSession session = cookie == null ? null : sessions.find(cookie.getValue());
        return session == null ? page : page.data("session", session).data("csrf", session.csrf());
    }

    @ServerExceptionMapper
    public Response notSignedIn(ConsoleSessions.NotSignedIn e) {
        return Pages.seeOther("/signin");
    }

    @ServerExceptionMapper
    public Response csrf(ConsoleSessions.CsrfRefused e) {
        // no header: a refused form does not hand out the session's token again
        return Pages.html(403, error.data("status", 403).data("code", "InvalidCsrfToken")
                .data("message", "This form has expired or did not come from this console. Reload the page and try again."));
    }

    @ServerExceptionMapper
    public Response aws(AwsServiceException e, HttpHeaders headers) {
        String code = e.awsErrorDetails() == null ? "ServiceFailure" : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        int status = e.statusCode() > 0 ? e.statusCode() : 500;
        return Pages.html(status, page(headers, status, code, message));
    }

    @ServerExceptionMapper
    public Response unreachable(SdkClientException e, HttpHeaders headers) {
        LOG.warnf("the IAM API did not answer: %s", e.getMessage());
        return Pages.html(503, page(headers, 503, "ServiceUnavailable", "The IAM API did not answer; try again later."));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        return Pages.html(status, page(headers, status, status == 404 ? "NotFound" : "BadRequest",
                status == 404 ? "There is no such page." : "The request was not understood."));
    }

    @ServerExceptionMapper
    public Response other(Throwable e, HttpHeaders headers) {
        LOG.error("a console page failed", e);
        return Pages.html(500, page(headers, 500, "InternalFailure", "The page could not be shown."));
    }
}
