package dev.openiam.policyservice.principal;

import dev.openiam.glue.peers.IdentityAuthentication;
import dev.openiam.glue.peers.PeerClient;
import dev.openiam.internalauth.Purpose;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.Tag;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * policy-service's snapshot reads from identity-service: an account's principals
 * ({@code GET /internal/v1/accounts/{id}/principals}, purpose {@code snapshot}), under a token policy-service signs
 * with its own key for that one call.
 */
@ApplicationScoped
public class IdentityServiceClient {

    private static final Logger LOG = Logger.getLogger(IdentityServiceClient.class);

    private final PeerClient identityService;

    public IdentityServiceClient(IdentityAuthentication identity) {
        this.identityService = identity.identityService();
    }

    public Uni<AccountPrincipals> load(String accountId) {
        if (!identityService.usable()) {
            return Uni.createFrom().failure(new IamException(ErrorCode.SERVICE_UNAVAILABLE, "internal calls are not configured"));
        }
        String path = "/internal/v1/accounts/" + accountId + "/principals";
        return identityService.get(Purpose.SNAPSHOT, path, Duration.ofSeconds(10))
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
                    LOG.warnf("identity-service at %s did not answer the principals of %s: %s", identityService.base(), accountId,
                            failure.getMessage());
                    return new IamException(ErrorCode.SERVICE_UNAVAILABLE, "identity-service is unavailable; the request may be retried.");
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
