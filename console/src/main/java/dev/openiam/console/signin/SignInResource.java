package dev.openiam.console.signin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.openiam.console.config.ConsoleConfig;
import dev.openiam.console.session.ConsoleSession;
import dev.openiam.console.session.ConsoleSessions;
import dev.openiam.console.web.Pages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.time.Duration;

/**
 * Sign-in (account id or alias; root, or an IAM user's name; password; then the MFA code when the principal has a
 * device), and sign-out. The password and code are checked by identity-service through sts-service, which issues
 * the session's credentials; failures answer AWS's one message and are throttled ({@link SignInThrottle}). The
 * form is protected by a double-submitted CSRF token; between the two steps the password waits here (never in a
 * cookie), at most {@code iam.console.mfa-step}.
 */
@Path("/")
public class SignInResource {

    private record PendingMfa(String account, String userName, String password, String csrf) {
        @Override
        public String toString() {
            return "PendingMfa[" + account + "/" + userName + "]";
        }
    }

    static final String MFA_COOKIE = "iamconsole-mfa";

    private final StsSignIn sts;
    private final SignInThrottle throttle;
    private final ConsoleSessions sessions;
    private final Template signin;
    private final Template mfa;
    private final Cache<String, PendingMfa> pending;

    public SignInResource(StsSignIn sts, SignInThrottle throttle, ConsoleSessions sessions, ConsoleConfig config,
                          @Location("signin.html") Template signin, @Location("signin-mfa.html") Template mfa) {
        this.sts = sts;
        this.throttle = throttle;
        this.sessions = sessions;
        this.signin = signin;
        this.mfa = mfa;
        this.pending = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(config.mfaStep()).build();
    }

    @GET
    @Path("signin")
    public Response form(@QueryParam("account") String account, @Context UriInfo uri) {
        return form(200, account, null, true, null, uri);
    }

    private Response form(int status, String account, String userName, boolean root, String message, UriInfo uri) {
        String csrf = ConsoleSessions.token();
        TemplateInstance page = signin.data("account", account).data("userName", userName).data("root", root)
                .data("message", message).data("csrf", csrf);
        Response html = Pages.html(status, page);
        return Response.fromResponse(html).cookie(ConsoleSessions.cookie(ConsoleSessions.SIGN_IN_COOKIE, csrf, uri, false)).build();
    }

    @POST
    @Path("signin")
    public Response signIn(@FormParam("account") String account, @FormParam("principal") String principal,
                           @FormParam("userName") String userName, @FormParam("password") String password,
                           @FormParam("csrf") String csrf, @CookieParam(ConsoleSessions.SIGN_IN_COOKIE) String csrfCookie,
                           @Context UriInfo uri, @Context HttpServerRequest request) {
        boolean root = !"user".equals(principal);
        String user = root ? null : blankToNull(userName);
        if (!ConsoleSessions.same(csrfCookie, csrf)) {
            throw new ConsoleSessions.CsrfRefused();
        }
        account = blankToNull(account);
        if (account == null || password == null || password.isEmpty() || (!root && user == null)) {
            return form(400, account, user, root, "Enter your account, " + (root ? "" : "user name, ") + "and password.", uri);
        }
        return attempt(account, user, password, null, uri, request, () -> {
        });
    }

    @POST
    @Path("signin/mfa")
    public Response mfa(@FormParam("code") String code, @FormParam("csrf") String csrf,
                        @CookieParam(MFA_COOKIE) String pendingId, @Context UriInfo uri, @Context HttpServerRequest request) {
        PendingMfa step = pendingId == null ? null : pending.getIfPresent(pendingId);
        if (step == null) {
            return form(400, null, null, true, "Your sign-in took too long; sign in again.", uri);
        }
        if (!ConsoleSessions.same(step.csrf(), csrf)) {
            throw new ConsoleSessions.CsrfRefused();
        }
        if (code == null || !code.matches("\\d{6}")) {
            return mfaForm(400, pendingId, step, "Enter the six-digit code your MFA device shows.", uri);
        }
        return attempt(step.account(), step.userName(), step.password(), code, uri, request, () -> pending.invalidate(pendingId));
    }

    private Response attempt(String account, String userName, String password, String code, UriInfo uri,
                             HttpServerRequest request, Runnable done) {
        String userKey = SignInThrottle.user(account, userName);
        String address = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        String addressKey = SignInThrottle.address(address == null ? "unknown" : address);
        Duration wait = throttle.wait(userKey, addressKey);
        if (!wait.isZero() && !wait.isNegative()) {
            return form(429, account, userName, userName == null, "Too many failed sign-in attempts. Try again in "
                    + Math.max(1, (wait.toMillis() + 999) / 1000) + " seconds.", uri);
        }
        StsSignIn.Answer answer;
        try {
            answer = sts.signIn(account, userName, password, code, address, request.getHeader("User-Agent"),
                    uri.getBaseUri().toString());
        } catch (StsSignIn.Refused refused) {
            if (refused.status() == 403) {
                throttle.failed(userKey, addressKey);
                // a wrong code ends the two-step sign-in: the password is asked again
                done.run();
            }
            return form(refused.status(), account, userName, userName == null, refused.getMessage(), uri);
        }
        if (answer.mfaRequired()) {
            String id = ConsoleSessions.token();
            PendingMfa step = new PendingMfa(account, userName, password, ConsoleSessions.token());
            pending.put(id, step);
            return mfaForm(200, id, step, null, uri);
        }
        done.run();
        throttle.succeeded(userKey);
        ConsoleSession session = new ConsoleSession(ConsoleSessions.token(), answer.accountId(), answer.arn(), answer.userName(),
                answer.root(), answer.mfaAuthenticated(),
                AwsSessionCredentials.create(answer.accessKeyId(), answer.secretAccessKey(), answer.sessionToken()),
                answer.expiration(), ConsoleSessions.token(), answer.passwordResetRequired() || answer.passwordExpired());
        sessions.add(session);
        return Response.fromResponse(Pages.seeOther(session.passwordChangeRequired() ? "/password" : "/"))
                .cookie(ConsoleSessions.cookie(ConsoleSessions.COOKIE, session.id(), uri, false),
                        ConsoleSessions.cookie(ConsoleSessions.SIGN_IN_COOKIE, null, uri, true),
                        ConsoleSessions.cookie(MFA_COOKIE, null, uri, true))
                .build();
    }

    private Response mfaForm(int status, String pendingId, PendingMfa step, String message, UriInfo uri) {
        return Response.fromResponse(Pages.html(status, mfa.data("csrf", step.csrf()).data("message", message)
                        .data("who", step.userName() == null ? "root user of " + step.account() : step.userName() + " @ " + step.account())))
                .cookie(ConsoleSessions.cookie(MFA_COOKIE, pendingId, uri, false)).build();
    }

    @POST
    @Path("signout")
    public Response signOut(@CookieParam(ConsoleSessions.COOKIE) String id, @FormParam("csrf") String csrf, @Context UriInfo uri) {
        sessions.requireForm(id, csrf);
        sessions.end(id);
        return Response.fromResponse(Pages.seeOther("/signin"))
                .cookie(ConsoleSessions.cookie(ConsoleSessions.COOKIE, null, uri, true)).build();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
