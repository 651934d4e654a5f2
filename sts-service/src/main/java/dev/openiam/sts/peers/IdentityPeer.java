package dev.openiam.sts.peers;

import dev.openiam.awsprotocol.sigv4.HttpRequestData;
import dev.openiam.glue.peers.IdentityAuthentication;
import dev.openiam.glue.peers.PeerClient;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.Purpose;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What sts-service asks identity-service: the role a session is asked for ({@code role-lookup}), whether an MFA
 * code is right ({@code verify-mfa}), the OIDC provider of a web identity token ({@code oidc-provider-lookup}), the
 * account of an access key ({@code access-key-lookup}) and a workload's instance profile ({@code instance-profile-lookup}). identity-service's AWS errors reach the caller as they are; no answer is
 * ServiceUnavailable (fail closed).
 */
@ApplicationScoped
public class IdentityPeer {

    private static final Logger LOG = Logger.getLogger(IdentityPeer.class);
    /** AWS STS's answer to an MFA code it does not accept. */
    public static final String MFA_FAILED = "MultiFactorAuthentication failed with invalid MFA one time pass code.";

    /** A role as identity-service stores it, and the revisions of the caller's account. */
    public record RoleTarget(String roleId, String roleName, String arn, String trustPolicy, int maxSessionDuration,
                             Map<String, String> tags, long callerIdentityRevision, long callerPolicyRevision) {
    }

    /**
     * Who signed in with a console password, whether the password must be changed first, the principal's MFA device
     * ({@code null} without one) and whether its code was verified (a device without it: the code must follow).
     */
    public record SignedIn(String accountId, String arn, String principalId, String userName, boolean root,
                           boolean passwordResetRequired, boolean passwordExpired, String mfaSerial, boolean mfaAuthenticated) {
    }

    /** Where a person signs in to the console from, and the console URL, for the sign-in's record. */
    public record SignInOrigin(String sourceIp, String userAgent, String loginTo) {
    }

    /** Whom an MFA device belongs to. */
    public record MfaOwner(String arn, boolean root) {
    }

    private final IdentityAuthentication authentication;
    private final PeerClient identity;

    public IdentityPeer(IdentityAuthentication authentication) {
        this.authentication = authentication;
        this.identity = authentication.identityService();
    }

    /** The role {@code roleArn} names (NoSuchEntity if none), with the caller's account revisions. */
    public Uni<RoleTarget> role(String roleArn, String callerAccountId) {
        JsonObject body = new JsonObject().put("roleArn", roleArn).put("callerAccountId", callerAccountId);
        return call(Purpose.ROLE_LOOKUP, "/internal/v1/roles/lookup", body)
                .map(answer -> target(answer.getJsonObject("role"), answer.getJsonObject("callerRevisions")));
    }

    /**
     * Who signed a request that asks for the role {@code roleArn}, and that role: {@code role} {@code null} when
     * identity-service did not look it up (its name is not one it accepts: ask {@link #role} for the error), unless
     * {@code noSuchRole}.
     */
    public record CallerRole(String roleArn, CallerClaims caller, RoleTarget role, boolean noSuchRole) {
    }

    /**
     * Who signed {@code request} with a long-term access key for signing name {@code service}, and the role
     * {@code roleArn} names with the caller's account revisions, in one call to identity-service, both read as stored
     * now. A bad signature is the caller's AWS error; no answer is ServiceUnavailable.
     */
    public Uni<CallerRole> callerAndRole(String service, HttpRequestData request, String roleArn) {
        return authentication.authenticate(Purpose.ROLE_LOOKUP, "/internal/v1/roles/lookup-for-caller", service, request,
                signed -> new JsonObject().put("request", signed).put("roleArn", roleArn), answer -> {
                    JsonObject caller = answer.getJsonObject("caller");
                    if (caller == null || caller.getString("arn") == null) {
                        return null;
                    }
                    JsonObject role = answer.getJsonObject("role");
                    return new CallerRole(roleArn, CallerClaims.fromMap(caller.getMap()),
                            role == null ? null : target(role, answer.getJsonObject("callerRevisions")), answer.getBoolean("noSuchRole", false));
                });
    }

    private static RoleTarget target(JsonObject role, JsonObject revisions) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Object item : role.getJsonArray("tags", new JsonArray())) {
            JsonObject tag = (JsonObject) item;
            tags.put(tag.getString("key"), tag.getString("value"));
        }
        return new RoleTarget(role.getString("roleId"), role.getString("roleName"), role.getString("arn"),
                role.getString("assumeRolePolicyDocument"), role.getInteger("maxSessionDuration", 3600), tags,
                revisions.getLong("identity", 0L), revisions.getLong("policy", 0L));
    }

    /** An account's OpenID Connect provider: its ARN, URL (host and path), client ids and thumbprints. */
    public record OidcProvider(String arn, String url, List<String> clientIds, List<String> thumbprints) {
    }

    /** The provider of {@code accountId} for {@code url} (host and path, no scheme); NoSuchEntity if none. */
    public Uni<OidcProvider> oidcProvider(String accountId, String url) {
        JsonObject body = new JsonObject().put("accountId", accountId).put("url", url);
        return call(Purpose.OIDC_PROVIDER_LOOKUP, "/internal/v1/oidc-providers/lookup", body).map(answer ->
                new OidcProvider(answer.getString("arn"), answer.getString("url"), strings(answer.getJsonArray("clientIds")),
                        strings(answer.getJsonArray("thumbprints"))));
    }

    /** An instance profile: its id, name, ARN and the ARN of its role ({@code null} without one). */
    public record InstanceProfile(String instanceProfileId, String instanceProfileName, String arn, String roleArn) {
    }

    /** The instance profile {@code name} of {@code accountId} as stored now; NoSuchEntity if none. */
    public Uni<InstanceProfile> instanceProfile(String accountId, String name) {
        JsonObject body = new JsonObject().put("accountId", accountId).put("instanceProfileName", name);
        return call(Purpose.INSTANCE_PROFILE_LOOKUP, "/internal/v1/instance-profiles/lookup", body).map(answer -> {
            JsonArray roles = answer.getJsonArray("roles", new JsonArray());
            return new InstanceProfile(answer.getString("instanceProfileId"), answer.getString("instanceProfileName"),
                    answer.getString("arn"), roles.isEmpty() ? null : roles.getJsonObject(0).getString("arn"));
        });
    }

    /** The account a long-term access key belongs to, whatever its status; NoSuchEntity if there is no such key. */
    public Uni<String> accessKeyAccount(String accessKeyId) {
        return call(Purpose.ACCESS_KEY_LOOKUP, "/internal/v1/access-keys/lookup", new JsonObject().put("accessKeyId", accessKeyId))
                .map(answer -> answer.getString("accountId"));
    }

    private static List<String> strings(JsonArray array) {
        return array == null ? List.of() : array.stream().map(String::valueOf).toList();
    }

    /** An account's consistency tokens: the identity and policy revisions its callers' decisions must reflect. */
    public record Revisions(long identity, long policy) {
    }

    public Uni<Revisions> revisions(String accountId) {
        return identity.get(Purpose.REVISIONS, "/internal/v1/accounts/" + accountId + "/revisions", Duration.ofSeconds(10))
                .onFailure().transform(failure -> {
                    LOG.warnf("identity-service at %s did not answer revisions: %s", identity.base(), failure.getMessage());
                    return new IamException(ErrorCode.SERVICE_UNAVAILABLE, "identity-service is unavailable; retry later");
                })
                .map(IdentityPeer::answer)
                .map(answer -> new Revisions(answer.getLong("identity", 0L), answer.getLong("policy", 0L)));
    }

    /**
     * Checks a console sign-in ({@code userName} {@code null}: the root user of {@code account}, an id or alias): the
     * password, and {@code mfaCode} ({@code null}: none yet) when the principal has an MFA device; identity-service
     * records it (ConsoleLogin). Every wrong password is identity-service's one AccessDenied, every wrong code STS's.
     */
    public Uni<SignedIn> signIn(String account, String userName, String password, String mfaCode, SignInOrigin origin) {
        JsonObject body = new JsonObject().put("account", account).put("userName", userName).put("password", password)
                .put("mfaCode", mfaCode).put("sourceIp", origin.sourceIp()).put("userAgent", origin.userAgent())
                .put("loginTo", origin.loginTo());
        return call(Purpose.SIGN_IN, "/internal/v1/sign-in", body).map(answer -> new SignedIn(answer.getString("accountId"),
                answer.getString("arn"), answer.getString("principalId"), answer.getString("userName"),
                answer.getBoolean("root", false), answer.getBoolean("passwordResetRequired", false),
                answer.getBoolean("passwordExpired", false), answer.getString("mfaSerial"),
                answer.getBoolean("mfaAuthenticated", false)));
    }

    /** Checks {@code tokenCode} of device {@code serialNumber} (accepted once): whom the device is assigned to. */
    public Uni<MfaOwner> verifyMfa(String accountId, String serialNumber, String tokenCode) {
        JsonObject body = new JsonObject().put("accountId", accountId).put("serialNumber", serialNumber).put("tokenCode", tokenCode);
        return call(Purpose.VERIFY_MFA, "/internal/v1/verify-mfa", body)
                .map(answer -> new MfaOwner(answer.getString("arn"), answer.getBoolean("root", false)))
                // a wrong, stale or replayed code, or a device that is not there: STS words them all as one
                .onFailure(failure -> failure instanceof IamException e && (e.code() == ErrorCode.INVALID_AUTHENTICATION_CODE
                        || e.code() == ErrorCode.NO_SUCH_ENTITY || e.code() == ErrorCode.VALIDATION_ERROR))
                .transform(failure -> new IamException(ErrorCode.ACCESS_DENIED, MFA_FAILED));
    }

    private Uni<JsonObject> call(Purpose purpose, String path, JsonObject body) {
        return identity.post(purpose, path, body, null, null, Duration.ofSeconds(10))
                .onFailure().transform(failure -> {
                    LOG.warnf("identity-service at %s did not answer %s: %s", identity.base(), path, failure.getMessage());
                    return new IamException(ErrorCode.SERVICE_UNAVAILABLE, "identity-service is unavailable; retry later");
                })
                .map(IdentityPeer::answer);
    }

    private static JsonObject answer(HttpResponse<Buffer> response) {
        JsonObject json;
        try {
            json = response.bodyAsJsonObject();
        } catch (RuntimeException e) {
            json = null;
        }
        if (response.statusCode() == 200 && json != null) {
            return json;
        }
        ErrorCode code = json == null ? null : ErrorCode.fromAwsCode(json.getString("code"));
        if (code != null && code != ErrorCode.SERVICE_FAILURE && response.statusCode() < 500) {
            throw new IamException(code, json.getString("detail"));
        }
        LOG.warnf("identity-service answered %d (%s)", response.statusCode(), code);
        throw new IamException(ErrorCode.SERVICE_UNAVAILABLE, "identity-service is unavailable; retry later");
    }
}
