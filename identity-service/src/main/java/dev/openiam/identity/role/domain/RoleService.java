package dev.openiam.identity.role.domain;

import dev.openiam.model.rules.Page;
import dev.openiam.model.rules.PageRequest;
import dev.openiam.model.rules.Rules;
import dev.openiam.identity.account.RevisionCache;
import dev.openiam.identity.instanceprofile.persistence.InstanceProfileRepository;
import dev.openiam.identity.outbox.AccountWrites;
import dev.openiam.identity.outbox.Committed;
import dev.openiam.identity.role.persistence.RoleEntity;
import dev.openiam.identity.role.persistence.RoleRepository;
import dev.openiam.identity.tag.TagStore;
import dev.openiam.identity.tag.Tagging;
import dev.openiam.model.AccountId;
import dev.openiam.model.Arn;
import dev.openiam.model.EntityType;
import dev.openiam.model.IamException;
import dev.openiam.model.Tag;
import dev.openiam.model.event.IdentityEvent;
import dev.openiam.identity.policyforward.BoundaryCopy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** IAM roles: trust policy, description, maximum session duration (3600–43200 s) and tags. */
@ApplicationScoped
public class RoleService {

    public static final int MIN_SESSION = 3600;
    public static final int MAX_SESSION = 43200;
    private static final int MAX_NAME = 64;

    private final AccountWrites writes;
    private final RoleRepository roles;
    private final TagStore tags;
    private final InstanceProfileRepository instanceProfiles;
    private final Tagging tagging;
    private final SecureRandom random = new SecureRandom();

    private final RevisionCache cache;

    public RoleService(AccountWrites writes, RoleRepository roles, TagStore tags, InstanceProfileRepository instanceProfiles,
                       Tagging tagging, RevisionCache cache) {
        this.cache = cache;
        this.writes = writes;
        this.roles = roles;
        this.tags = tags;
        this.instanceProfiles = instanceProfiles;
        this.tagging = tagging;
    }

    public record CreateRole(String roleName, String path, String assumeRolePolicyDocument, String description,
                             Integer maxSessionDuration, List<Tag> tags) {
    }

    public Uni<Committed<Role>> create(String accountId, String actor, CreateRole request) {
        return create(accountId, actor, request, null, null);
    }

    /**
     * CreateRole; with a permissions boundary, {@code preset} sets it at policy-service under the new role's id
     * before the role exists, so the role is never without it.
     */
    public Uni<Committed<Role>> create(String accountId, String actor, CreateRole request, String boundaryArn,
                                       BoundaryCopy.Preset preset) {
        Rules.name("roleName", request.roleName(), MAX_NAME);
        String rolePath = Rules.path("path", request.path());
        String trust = TrustPolicyCheck.check("assumeRolePolicyDocument", request.assumeRolePolicyDocument());
        String description = Rules.description("description", request.description());
        int maxSession = Rules.range("maxSessionDuration", request.maxSessionDuration(), MIN_SESSION, MAX_SESSION, MIN_SESSION);
        List<Tag> validTags = Rules.tags(request.tags());
        String roleName = request.roleName();
        String roleId = EntityType.ROLE.newId(random);
        Uni<Void> first = preset == null ? Uni.createFrom().voidItem()
                : Panache.withSession(() -> roles.findByName(accountId, roleName)).chain(existing -> existing != null
                        ? Uni.createFrom().failure(IamException.alreadyExists("Role with name " + roleName + " already exists."))
                        : preset.before(roleId, roleName, rolePath));
        return first.chain(() -> writes.write(accountId, actor, change -> roles.findByName(accountId, roleName).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(IamException.alreadyExists("Role with name " + roleName + " already exists."));
            }
            RoleEntity role = new RoleEntity();
            role.roleId = roleId;
            role.permissionsBoundaryArn = boundaryArn;
            role.accountId = accountId;
            role.roleName = roleName;
            role.path = rolePath;
            role.arn = Arn.iamEntity(AccountId.of(accountId), "role", rolePath, roleName).toString();
            role.assumeRolePolicy = trust;
            role.description = description;
            role.maxSessionDuration = maxSession;
            role.createdAt = change.now();
            return roles.persist(role)
                    .chain(() -> tags.tag(accountId, role.roleId, validTags))
                    .call(() -> change.emit(new IdentityEvent.RoleCreated(role.roleId, role.roleName, role.path, role.arn,
                            role.createdAt, role.assumeRolePolicy, role.description, role.maxSessionDuration, validTags)))
                    .map(saved -> Role.of(role, saved));
        })));
    }

    @WithSession
    public Uni<Role> get(String accountId, String roleName) {
        Rules.name("roleName", roleName, MAX_NAME);
        return roles.require(accountId, roleName).chain(role -> tags.tagsOf(role.roleId).map(list -> Role.of(role, list)));
    }

    /**
     * The role as of the account's revisions the current request read ({@link RevisionCache}: kept until the account
     * changes): for lookups a request makes before it writes anything (sts-service's AssumeRole).
     */
    public Uni<Role> current(String accountId, String roleName) {
        Supplier<Uni<Role>> load = () -> Panache.withSession(() -> get(accountId, roleName));
        return roleName == null ? load.get() : cache.read(accountId, "role", roleName.toLowerCase(Locale.ROOT), load);
    }

    @WithSession
    public Uni<Page<Role>> list(String accountId, String pathPrefix, String marker, Integer maxItems) {
        String prefix = Rules.pathPrefix("pathPrefix", pathPrefix);
        PageRequest page = PageRequest.of(marker, maxItems);
        return roles.list(accountId, prefix, page)
                .map(rows -> page.page(rows, row -> row.roleName.toLowerCase(Locale.ROOT)).map(row -> Role.of(row, List.of())));
    }

    /** UpdateRole / UpdateRoleDescription: a {@code null} argument leaves that attribute as it is. */
    public Uni<Committed<Role>> update(String accountId, String actor, String roleName, String description,
                                       Integer maxSessionDuration) {
        Rules.name("roleName", roleName, MAX_NAME);
        Rules.description("description", description);
        if (maxSessionDuration != null) {
            Rules.range("maxSessionDuration", maxSessionDuration, MIN_SESSION, MAX_SESSION, MIN_SESSION);
        }
        return writes.write(accountId, actor, change -> roles.require(accountId, roleName).chain(role -> {
            if (description != null) {
                role.description = description;
            }
            if (maxSessionDuration != null) {
                role.maxSessionDuration = maxSessionDuration;
            }
            return change.emit(new IdentityEvent.RoleUpdated(role.roleId, role.roleName, role.arn, role.description,
                            role.maxSessionDuration))
                    .chain(() -> tags.tagsOf(role.roleId)).map(list -> Role.of(role, list));
        }));
    }

    public Uni<Committed<Role>> updateTrustPolicy(String accountId, String actor, String roleName, String document) {
        Rules.name("roleName", roleName, MAX_NAME);
        String trust = TrustPolicyCheck.check("policyDocument", document);
        return writes.write(accountId, actor, change -> roles.require(accountId, roleName).chain(role -> {
            role.assumeRolePolicy = trust;
            return change.emit(new IdentityEvent.RoleTrustPolicyUpdated(role.roleId, role.roleName, role.arn, trust))
                    .chain(() -> tags.tagsOf(role.roleId)).map(list -> Role.of(role, list));
        }));
    }

    /** DeleteRole: refused with {@code DeleteConflict} while the role is in an instance profile. */
    public Uni<Committed<Void>> delete(String accountId, String actor, String roleName) {
        Rules.name("roleName", roleName, MAX_NAME);
        return writes.write(accountId, actor, change -> roles.require(accountId, roleName).chain(role ->
                instanceProfiles.count("roleId", role.roleId).chain(count -> count > 0
                        ? Uni.createFrom().failure(IamException.deleteConflict(
                        "Cannot delete entity, must remove roles from instance profile first."))
                        : tags.deleteAll(role.roleId).chain(() -> roles.delete(role)).chain(() ->
                        change.emit(new IdentityEvent.RoleDeleted(role.roleId, role.roleName, role.arn))))));
    }

    public Uni<Committed<List<Tag>>> tag(String accountId, String actor, String roleName, List<Tag> tagList) {
        Rules.name("roleName", roleName, MAX_NAME);
        return tagging.tag(accountId, actor, () -> target(accountId, roleName), tagList);
    }

    public Uni<Committed<List<Tag>>> untag(String accountId, String actor, String roleName, List<String> tagKeys) {
        Rules.name("roleName", roleName, MAX_NAME);
        return tagging.untag(accountId, actor, () -> target(accountId, roleName), tagKeys);
    }

    private Uni<Tagging.Target> target(String accountId, String roleName) {
        return roles.require(accountId, roleName).map(role -> new Tagging.Target(role.roleId,
                result -> new IdentityEvent.RoleTagsChanged(role.roleId, role.roleName, role.arn, result)));
    }

    @WithSession
    public Uni<List<Tag>> listTags(String accountId, String roleName) {
        Rules.name("roleName", roleName, MAX_NAME);
        return roles.require(accountId, roleName).chain(role -> tags.tagsOf(role.roleId));
    }
}
