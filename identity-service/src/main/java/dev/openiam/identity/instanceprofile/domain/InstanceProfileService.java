package dev.openiam.identity.instanceprofile.domain;

import dev.openiam.model.rules.Page;
import dev.openiam.model.rules.PageRequest;
import dev.openiam.model.rules.Rules;
import dev.openiam.identity.instanceprofile.persistence.InstanceProfileEntity;
import dev.openiam.identity.instanceprofile.persistence.InstanceProfileRepository;
import dev.openiam.identity.outbox.AccountWrites;
import dev.openiam.identity.outbox.Committed;
import dev.openiam.identity.role.domain.Role;
import dev.openiam.identity.role.persistence.RoleRepository;
import dev.openiam.identity.tag.TagStore;
import dev.openiam.model.AccountId;
import dev.openiam.model.Arn;
import dev.openiam.model.EntityType;
import dev.openiam.model.IamException;
import dev.openiam.model.Tag;
import dev.openiam.model.event.IdentityEvent;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;

/** Instance profiles: containers for at most one role. */
@ApplicationScoped
public class InstanceProfileService {

    private static final int MAX_NAME = 128;

    private final AccountWrites writes;
    private final InstanceProfileRepository profiles;
    private final RoleRepository roles;
    private final TagStore tags;
    private final SecureRandom random = new SecureRandom();

    public InstanceProfileService(AccountWrites writes, InstanceProfileRepository profiles, RoleRepository roles, TagStore tags) {
        this.writes = writes;
        this.profiles = profiles;
        this.roles = roles;
        this.tags = tags;
    }

    public Uni<Committed<InstanceProfile>> create(String accountId, String actor, String name, String path, List<Tag> tagList) {
        Rules.name("instanceProfileName", name, MAX_NAME);
        String profilePath = Rules.path("path", path);
        List<Tag> validTags = Rules.tags(tagList);
        return writes.write(accountId, actor, change -> profiles.findByName(accountId, name).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(IamException.alreadyExists("Instance Profile " + name + " already exists."));
            }
            InstanceProfileEntity profile = new InstanceProfileEntity();
            profile.instanceProfileId = EntityType.INSTANCE_PROFILE.newId(random);
            profile.accountId = accountId;
            profile.instanceProfileName = name;
            profile.path = profilePath;
            profile.arn = Arn.iamEntity(AccountId.of(accountId), "instance-profile", profilePath, name).toString();
            profile.createdAt = change.now();
            return profiles.persist(profile)
                    .chain(() -> tags.tag(accountId, profile.instanceProfileId, validTags))
                    .call(() -> change.emit(new IdentityEvent.InstanceProfileCreated(profile.instanceProfileId,
                            profile.instanceProfileName, profile.path, profile.arn, profile.createdAt, validTags)))
                    .map(saved -> InstanceProfile.of(profile, List.of(), saved));
        }));
    }

    @WithSession
    public Uni<InstanceProfile> get(String accountId, String name) {
        Rules.name("instanceProfileName", name, MAX_NAME);
        return profiles.require(accountId, name).chain(profile -> view(profile, true));
    }

    @WithSession
    public Uni<Page<InstanceProfile>> list(String accountId, String pathPrefix, String marker, Integer maxItems) {
        String prefix = Rules.pathPrefix("pathPrefix", pathPrefix);
        PageRequest page = PageRequest.of(marker, maxItems);
        return profiles.list(accountId, prefix, page).chain(rows -> pageOf(page, rows));
    }

    @WithSession
    public Uni<Page<InstanceProfile>> listForRole(String accountId, String roleName, String marker, Integer maxItems) {
        Rules.name("roleName", roleName, 64);
        PageRequest page = PageRequest.of(marker, maxItems);
        return roles.require(accountId, roleName).chain(role -> profiles.listForRole(role.roleId, page))
                .chain(rows -> pageOf(page, rows));
    }

    /** DeleteInstanceProfile: refused with {@code DeleteConflict} while it holds a role, as in AWS. */
    public Uni<Committed<Void>> delete(String accountId, String actor, String name) {
        Rules.name("instanceProfileName", name, MAX_NAME);
        return writes.write(accountId, actor, change -> profiles.require(accountId, name).chain(profile -> {
            if (profile.roleId != null) {
                return Uni.createFrom().failure(IamException.deleteConflict(
                        "Cannot delete entity, must remove roles from instance profile first."));
            }
            return tags.deleteAll(profile.instanceProfileId).chain(() -> profiles.delete(profile)).chain(() ->
                    change.emit(new IdentityEvent.InstanceProfileDeleted(profile.instanceProfileId,
                            profile.instanceProfileName, profile.arn)));
        }));
    }

    public Uni<Committed<Void>> addRole(String accountId, String actor, String name, String roleName) {
        Rules.name("instanceProfileName", name, MAX_NAME);
        Rules.name("roleName", roleName, 64);
        return writes.write(accountId, actor, change -> profiles.require(accountId, name).chain(profile ->
                roles.require(accountId, roleName).chain(role -> {
                    if (profile.roleId != null) {
                        return Uni.createFrom().failure(IamException.limitExceeded(
                                "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1"));
                    }
                    profile.roleId = role.roleId;
                    return change.emit(new IdentityEvent.RoleAddedToInstanceProfile(profile.instanceProfileId,
                            profile.instanceProfileName, role.roleId, role.roleName));
                })));
    }

    public Uni<Committed<Void>> removeRole(String accountId, String actor, String name, String roleName) {
        Rules.name("instanceProfileName", name, MAX_NAME);
        Rules.name("roleName", roleName, 64);
        return writes.write(accountId, actor, change -> profiles.require(accountId, name).chain(profile ->
                roles.require(accountId, roleName).chain(role -> {
                    if (!role.roleId.equals(profile.roleId)) {
                        return Uni.createFrom().failure(IamException.noSuchEntity(
                                "The role with name " + roleName + " cannot be found in instance profile " + name + "."));
                    }
                    profile.roleId = null;
                    return change.emit(new IdentityEvent.RoleRemovedFromInstanceProfile(profile.instanceProfileId,
                            profile.instanceProfileName, role.roleId, role.roleName));
                })));
    }

    private Uni<Page<InstanceProfile>> pageOf(PageRequest page, List<InstanceProfileEntity> rows) {
        Page<InstanceProfileEntity> entities = page.page(rows, row -> row.instanceProfileName.toLowerCase(Locale.ROOT));
        if (entities.items().isEmpty()) {
            return Uni.createFrom().item(entities.map(row -> InstanceProfile.of(row, List.of(), List.of())));
        }
        // One at a time: a reactive session runs one statement at a time.
        return Multi.createFrom().iterable(entities.items()).onItem().transformToUniAndConcatenate(row -> view(row, false))
                .collect().asList()
                .map(views -> new Page<>(views, entities.isTruncated(), entities.marker()));
    }

    private Uni<InstanceProfile> view(InstanceProfileEntity profile, boolean withTags) {
        Uni<List<Role>> role = profile.roleId == null ? Uni.createFrom().item(List.of())
                : roles.findById(profile.roleId).map(entity -> List.of(Role.of(entity, List.of())));
        return role.chain(roleList -> (withTags ? tags.tagsOf(profile.instanceProfileId) : Uni.createFrom().item(List.<Tag>of()))
                .map(tagList -> InstanceProfile.of(profile, roleList, tagList)));
    }
}
