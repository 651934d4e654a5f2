package dev.openiam.policyservice;

import dev.openiam.model.EntityType;
import dev.openiam.policyservice.principal.Principal;
import dev.openiam.policyservice.principal.PrincipalDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TEST-ONLY principal directory: users, groups and roles the tests declare themselves, standing in for
 * identity-service's principals until the tests drive the real directory (the identity projection) with
 * identity events. Not a mock of infrastructure: the database and Kafka stay real.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestPrincipalDirectory implements PrincipalDirectory {

    private static final Map<String, Principal> PRINCIPALS = new ConcurrentHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();

    public static Principal user(String accountId, String name) {
        return add(accountId, "user", EntityType.USER, name, "/");
    }

    public static Principal group(String accountId, String name) {
        return add(accountId, "group", EntityType.GROUP, name, "/");
    }

    public static Principal role(String accountId, String name) {
        return add(accountId, "role", EntityType.ROLE, name, "/");
    }

    public static Principal add(String accountId, String type, EntityType idType, String name, String path) {
        Principal principal = new Principal(type, idType.newId(RANDOM), name, path,
                "arn:aws:iam::" + accountId + ":" + type + path + name);
        PRINCIPALS.put(key(accountId, type, name), principal);
        return principal;
    }

    public static void remove(String accountId, String type, String name) {
        PRINCIPALS.remove(key(accountId, type, name));
    }

    private static String key(String accountId, String type, String name) {
        return accountId + "/" + type + "/" + name.toLowerCase(Locale.ROOT);
    }

    @Override
    public Uni<Optional<Principal>> findUser(String accountId, String userName) {
        return Uni.createFrom().item(Optional.ofNullable(PRINCIPALS.get(key(accountId, "user", userName))));
    }

    @Override
    public Uni<Optional<Principal>> findGroup(String accountId, String groupName) {
        return Uni.createFrom().item(Optional.ofNullable(PRINCIPALS.get(key(accountId, "group", groupName))));
    }

    @Override
    public Uni<Optional<Principal>> findRole(String accountId, String roleName) {
        return Uni.createFrom().item(Optional.ofNullable(PRINCIPALS.get(key(accountId, "role", roleName))));
    }
}
