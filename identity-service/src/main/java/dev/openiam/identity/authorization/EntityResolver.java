package dev.openiam.identity.authorization;

import dev.openiam.authorization.Entity;
import dev.openiam.authorization.EntityRef;
import dev.openiam.identity.accesskey.persistence.AccessKeyRepository;
import dev.openiam.identity.auth.Caller;
import dev.openiam.identity.group.persistence.GroupRepository;
import dev.openiam.identity.instanceprofile.persistence.InstanceProfileRepository;
import dev.openiam.identity.mfa.persistence.MfaDeviceRepository;
import dev.openiam.identity.oidcprovider.persistence.OidcProviderRepository;
import dev.openiam.identity.role.persistence.RoleRepository;
import dev.openiam.identity.tag.TagStore;
import dev.openiam.identity.user.persistence.UserEntity;
import dev.openiam.identity.user.persistence.UserRepository;
import dev.openiam.identity.account.RevisionCache;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the entities an authorization names to what is stored: ARN with path and stored letter case, and
 * tags, and for users and roles the permissions boundary as written through this front door. Names match
 * case-insensitively, as IAM's lookups do; what does not exist resolves to {@code null}. What was resolved is kept
 * under the account's revisions ({@link RevisionCache}): a request after no change of the account reads nothing.
 */
@ApplicationScoped
public class EntityResolver {

    private final UserRepository users;
    private final GroupRepository groups;
    private final RoleRepository roles;
    private final InstanceProfileRepository profiles;
    private final AccessKeyRepository keys;
    private final TagStore tags;
    private final MfaDeviceRepository mfaDevices;
    private final OidcProviderRepository oidcProviders;
    private final RevisionCache cache;

    public EntityResolver(UserRepository users, GroupRepository groups, RoleRepository roles, InstanceProfileRepository profiles,
                          AccessKeyRepository keys, TagStore tags, MfaDeviceRepository mfaDevices,
                          OidcProviderRepository oidcProviders, RevisionCache cache) {
        this.cache = cache;
        this.mfaDevices = mfaDevices;
        this.oidcProviders = oidcProviders;
        this.users = users;
        this.groups = groups;
        this.roles = roles;
        this.profiles = profiles;
        this.keys = keys;
        this.tags = tags;
    }

    /**
     * Each of {@code refs} as stored (absent from the map when it does not exist), as of the revisions the current
     * request read; what is not kept is read in the caller's session or one of its own.
     */
    public Uni<Map<EntityRef, Entity>> resolve(Caller caller, Set<EntityRef> refs) {
        Map<EntityRef, Entity> found = new LinkedHashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (EntityRef ref : refs) {
            // the calling user named by its ARN is found by the id it authenticated with: the caller is part of the key
            Object key = ref.name() != null ? List.of(ref.type(), EntityRef.ACCESS_KEY.equals(ref.type()) ? ref.name()
                    : ref.name().toLowerCase(java.util.Locale.ROOT))
                    : List.of(ref.type(), String.valueOf(ref.arn()), caller.arn(), String.valueOf(caller.principalId()), caller.root());
            chain = chain.chain(() -> cache.read(caller.accountId(), "entity", key, () -> Panache.withSession(() -> one(caller, ref))))
                    .invoke(entity -> {
                        if (entity != null) {
                            found.put(ref, entity);
                        }
                    }).replaceWithVoid();
        }
        return chain.replaceWith(found);
    }

    private Uni<Entity> one(Caller caller, EntityRef ref) {
        String account = caller.accountId();
        return switch (ref.type()) {
            case "user" -> (ref.name() != null ? users.findByName(account, ref.name()) : callerUser(caller, ref.arn()))
                    .chain(this::user);
            case "group" -> groups.findByName(account, ref.name())
                    .map(g -> g == null ? null : new Entity(g.arn, g.path, g.groupName, List.of(), null));
            case "role" -> roles.findByName(account, ref.name()).chain(r -> r == null ? none()
                    : tags.tagsOf(r.roleId).map(t -> new Entity(r.arn, r.path, r.roleName, t, r.permissionsBoundaryArn)));
            case "instance-profile" -> profiles.findByName(account, ref.name()).chain(p -> p == null ? none()
                    : tags.tagsOf(p.instanceProfileId).map(t -> new Entity(p.arn, p.path, p.instanceProfileName, t, null)));
            case EntityRef.ACCESS_KEY -> keys.findById(ref.name()).chain(key -> key == null || !account.equals(key.accountId)
                    || key.userId == null ? none() : users.findById(key.userId).chain(this::user));
            // MFA devices and OIDC providers are named by their ARN (a device's serial number) and keep their tags under it
            case "mfa" -> mfaDevices.findBySerial(account, ref.arn()).chain(d -> d == null ? none()
                    : tags.tagsOf(d.serialNumber).map(t -> new Entity(d.serialNumber, d.path, d.deviceName, t, null)));
            case "oidc-provider" -> oidcProviders.findByArn(account, ref.arn()).chain(p -> p == null ? none()
                    : tags.tagsOf(p.arn).map(t -> new Entity(p.arn, "/", p.url, t, null)));
            default -> none();
        };
    }

    /** The calling user, by the id it authenticated with (its ARN names it). */
    private Uni<UserEntity> callerUser(Caller caller, String arn) {
        return caller.root() || !caller.arn().equals(arn) ? Uni.createFrom().nullItem() : users.findById(caller.principalId());
    }

    private Uni<Entity> user(UserEntity u) {
        return u == null ? none() : tags.tagsOf(u.userId).map(t -> new Entity(u.arn, u.path, u.userName, t, u.permissionsBoundaryArn));
    }

    private static Uni<Entity> none() {
        return Uni.createFrom().nullItem();
    }
}
