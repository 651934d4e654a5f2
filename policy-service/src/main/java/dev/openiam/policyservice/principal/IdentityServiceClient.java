package dev.openiam.policyservice.principal;

import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceTrust;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.Tag;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * policy-service's calls to identity-service, each under a token policy-service signs with its own key for that
 * one call: an account's principals ({@code GET /internal/v1/accounts/{id}/principals}, purpose {@code snapshot}),
 * and who signed a SigV4 request this service received ({@code POST /internal/v1/authenticate}, purpose
 * {@code authenticate}; the secret never leaves identity-service).
 */
@ApplicationScoped
public class IdentityServiceClient {

    /** A SigV4-signed request as this service received it: method, path and query still encoded, headers, body. */
    public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
    }

    private static final Logger LOG = Logger.getLogger(IdentityServiceClient.class);
    private static final String AUTHENTICATE = "/internal/v1/authenticate";
    /** identity-service's answers about the caller's signature, which the caller is told as they are. */
    private static final Set<ErrorCode> SIGNATURE_ERRORS = Set.of(ErrorCode.SIGNATURE_DOES_NOT_MATCH, ErrorCode.INVALID_CLIENT_TOKEN_ID,
            ErrorCode.INCOMPLETE_SIGNATURE, ErrorCode.MISSING_AUTHENTICATION_TOKEN, ErrorCode.REQUEST_EXPIRED, ErrorCode.EXPIRED_TOKEN);

    private final WebClient client;
    private final URI base;
    private final ServiceTrust trust;

    public IdentityServiceClient(Vertx vertx, @ConfigProperty(name = "iam.identity-service-url") String url,
                                  ServiceTrust trust) {
        this.base = URI.create(url);
        this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort() > 0 ? base.getPort() : 80).setSsl("https".equals(base.getScheme()))
                .setConnectTimeout(2000));
        this.trust = trust;
    }

    public Uni<AccountPrincipals> load(String accountId) {
        if (!trust.usable()) {
            return Uni.createFrom().failure(new IamException(ErrorCode.SERVICE_UNAVAILABLE, "internal calls are not configured"));
        }
        String path = "/internal/v1/accounts/" + accountId + "/principals";
        String token = trust.issue("identity-service", Purpose.SNAPSHOT, "GET", path, null, null, null);
        return client.get(base.getPath().replaceAll("/$", "") + path)
                .putHeader("Authorization", "Bearer " + token)
                .timeout(10_000)
                .send()
                .map(response -> {
                    if (response.statusCode() == 404) {
                        return AccountPrincipals.missing(accountId);
                    }
                    if (response.statusCode() != 200) {
                        throw new IamException(ErrorCode.SERVICE_UNAVAILABLE,
                                "identity-service answered " + response.statusCode() + " for the principals of " + accountId);
                    }
                    return parse(accountId, response.bodyAsJsonObject());
                })
                .onFailure(failure -> !(failure instanceof IamException)).transform(failure -> {
                    // the failure names identity-service's address: for the log, never for the caller
                    LOG.warnf("identity-service at %s did not answer the principals of %s: %s", base, accountId, failure.getMessage());
                    return new IamException(ErrorCode.SERVICE_UNAVAILABLE, "identity-service is unavailable; the request may be retried.");
                });
    }

    /**
     * Who signed {@code request} for signing service {@code service}: identity-service's verdict. A bad signature is
     * the caller's AWS error; any other failure is ServiceUnavailable (fail closed).
     */
    public Uni<CallerClaims> authenticate(String service, SignedRequest request) {
        return Uni.createFrom().deferred(() -> {
            byte[] body = new JsonObject().put("service", service).put("method", request.method()).put("rawPath", request.rawPath())
                    .put("rawQuery", request.rawQuery()).put("headers", new JsonObject(Map.copyOf(request.headers())))
                    .put("body", Base64.getEncoder().encodeToString(request.body())).toBuffer().getBytes();
            String token = trust.issue("identity-service", Purpose.AUTHENTICATE, "POST", AUTHENTICATE, body, null, null);
            return client.post(base.getPath().replaceAll("/$", "") + AUTHENTICATE)
                    .putHeader("Authorization", "Bearer " + token)
                    .putHeader("Content-Type", "application/json")
                    .timeout(10_000)
                    .sendBuffer(Buffer.buffer(body));
        }).map(response -> {
            JsonObject answer = response.bodyAsJsonObject();
            if (response.statusCode() == 200 && answer != null && answer.getString("arn") != null) {
                return new CallerClaims(answer.getString("arn"), answer.getString("accountId"), answer.getString("principalId"),
                        answer.getString("accessKeyId"), answer.getBoolean("root", false));
            }
            ErrorCode code = answer == null ? null : ErrorCode.fromAwsCode(answer.getString("code"));
            if (code != null && SIGNATURE_ERRORS.contains(code)) {
                throw new IamException(code, answer.getString("detail"));
            }
            LOG.warnf("identity-service answered %d (%s) to an authentication request", response.statusCode(), code);
            throw new IamException(ErrorCode.SERVICE_UNAVAILABLE, "the caller cannot be authenticated now; retry later");
        }).onFailure(failure -> !(failure instanceof IamException)).transform(failure -> {
            LOG.warnf("identity-service did not answer an authentication request: %s", failure.getMessage());
            return new IamException(ErrorCode.SERVICE_UNAVAILABLE, "the caller cannot be authenticated now; retry later");
        });
    }

    static AccountPrincipals parse(String accountId, JsonObject json) {
        AccountPrincipals principals = new AccountPrincipals(accountId, json.getLong("revision", 0L));
        for (Object item : json.getJsonArray("users", new JsonArray())) {
            JsonObject user = (JsonObject) item;
            principals.putUser(new AccountPrincipals.User(user.getString("userId"), user.getString("userName"),
                    user.getString("path"), user.getString("arn"), tags(user.getJsonArray("tags")),
                    java.util.Set.copyOf(new HashSet<>(strings(user.getJsonArray("groupIds"))))));
        }
        for (Object item : json.getJsonArray("groups", new JsonArray())) {
            JsonObject group = (JsonObject) item;
            principals.putGroup(new AccountPrincipals.Group(group.getString("groupId"), group.getString("groupName"),
                    group.getString("path"), group.getString("arn")));
        }
        for (Object item : json.getJsonArray("roles", new JsonArray())) {
            JsonObject role = (JsonObject) item;
            principals.putRole(new AccountPrincipals.Role(role.getString("roleId"), role.getString("roleName"),
                    role.getString("path"), role.getString("arn"), tags(role.getJsonArray("tags")),
                    role.getInteger("maxSessionDuration", 3600)));
        }
        return principals;
    }

    private static List<Tag> tags(JsonArray array) {
        List<Tag> tags = new ArrayList<>();
        if (array != null) {
            for (Object item : array) {
                JsonObject tag = (JsonObject) item;
                tags.add(new Tag(tag.getString("key"), tag.getString("value")));
            }
        }
        return List.copyOf(tags);
    }

    private static List<String> strings(JsonArray array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(value -> values.add((String) value));
        }
        return values;
    }

}
