package dev.openiam.console.signin;

import dev.openiam.glue.peers.PeerClient;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceTrust;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/**
 * The console's one internal call: sts-service signs a person in (identity-service checks the password and the MFA
 * code) and answers the console session's credentials, or that the code must follow. No answer fails closed.
 */
@ApplicationScoped
public class StsSignIn {

    private static final Logger LOG = Logger.getLogger(StsSignIn.class);
    static final String PATH = "/internal/v1/console-sessions";

    /** The outcome of a sign-in: credentials ({@code accessKeyId} non-null), or the MFA step ({@code mfaRequired}). */
    public record Answer(String accountId, String arn, String userName, boolean root, boolean passwordResetRequired,
                         boolean passwordExpired, boolean mfaRequired, boolean mfaAuthenticated, String accessKeyId,
                         String secretAccessKey, String sessionToken, Instant expiration) {
        @Override
        public String toString() {
            return "Answer[" + arn + ", mfaRequired=" + mfaRequired + "]";
        }
    }

    /** A refusal: AWS's error code and message (AccessDenied for every wrong password, name or code). */
    public static final class Refused extends RuntimeException {
        private final String code;
        private final int status;

        Refused(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }

        public String code() {
            return code;
        }

        public int status() {
            return status;
        }
    }

    private final PeerClient sts;

    public StsSignIn(Vertx vertx, ServiceTrust trust, @ConfigProperty(name = "iam.sts-service-url") String url) {
        this.sts = new PeerClient(vertx, trust, "sts-service", url);
    }

    /**
     * Blocks the worker thread that serves the form (at most 35 s: a cold start under load is slow). {@code sourceIp},
     * {@code userAgent} (the person's browser) and {@code loginTo} (this console's URL) go into the sign-in's record.
     */
    public Answer signIn(String account, String userName, String password, String mfaCode, String sourceIp, String userAgent,
                         String loginTo) {
        JsonObject body = new JsonObject().put("account", account).put("userName", userName).put("password", password)
                .put("mfaCode", mfaCode).put("sourceIp", sourceIp).put("userAgent", userAgent).put("loginTo", loginTo);
        var response = sts.post(Purpose.CONSOLE_SESSION, PATH, body, null, null, Duration.ofSeconds(30))
                .onFailure().transform(failure -> {
                    LOG.warnf("sts-service at %s did not answer a sign-in: %s", sts.base(), failure.getMessage());
                    return new Refused(503, "ServiceUnavailable", "Sign-in is unavailable; try again later.");
                })
                .await().atMost(Duration.ofSeconds(35));
        JsonObject json;
        try {
            json = response.bodyAsJsonObject();
        } catch (RuntimeException e) {
            json = null;
        }
        if (response.statusCode() != 200 || json == null) {
            String code = json == null ? "ServiceUnavailable" : json.getString("code", "ServiceUnavailable");
            String message = json == null ? "Sign-in is unavailable; try again later." : json.getString("detail", code);
            throw new Refused(response.statusCode() >= 500 || json == null ? 503 : response.statusCode(), code, message);
        }
        JsonObject credentials = json.getJsonObject("credentials");
        return new Answer(json.getString("accountId"), json.getString("arn"), json.getString("userName"),
                json.getBoolean("root", false), json.getBoolean("passwordResetRequired", false),
                json.getBoolean("passwordExpired", false), json.getBoolean("mfaRequired", false),
                json.getBoolean("mfaAuthenticated", false),
                credentials == null ? null : credentials.getString("accessKeyId"),
                credentials == null ? null : credentials.getString("secretAccessKey"),
                credentials == null ? null : credentials.getString("sessionToken"),
                credentials == null ? null : Instant.parse(credentials.getString("expiration")));
    }
}
