package dev.openiam.console.web;

import dev.openiam.console.session.ConsoleSession;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** What every page answers: rendered HTML (never cached: it shows an account's state), or a redirect after a post. */
public final class Pages {

    private Pages() {
    }

    /** The page, with the session's name and CSRF token for its header and forms. */
    public static Response page(TemplateInstance template, ConsoleSession session) {
        return html(200, template.data("session", session).data("csrf", session.csrf()));
    }

    public static Response html(int status, TemplateInstance template) {
        return Response.status(status).entity(template.render()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'")
                .build();
    }

    /** Post/redirect/get: 303 to {@code path}. */
    public static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).header("Cache-Control", "no-store").build();
    }
}
