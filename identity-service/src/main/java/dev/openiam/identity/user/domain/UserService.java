package dev.openiam.identity.user.domain;

import dev.openiam.identity.accesskey.persistence.AccessKeyRepository;
import dev.openiam.model.rules.Page;
import dev.openiam.model.rules.PageRequest;
import dev.openiam.model.rules.Rules;
import dev.openiam.identity.group.persistence.GroupMemberRepository;
import dev.openiam.identity.outbox.AccountWrites;
import dev.openiam.identity.outbox.Committed;
import dev.openiam.identity.tag.TagStore;
import dev.openiam.identity.tag.Tagging;
import dev.openiam.identity.user.persistence.UserEntity;
import dev.openiam.identity.user.persistence.UserRepository;
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
import jakarta.enterprise.inject.Instance;

import java.security.SecureRandom;
import java.util.List;

/** IAM users of an account: CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser and their tags. */
@ApplicationScoped
public class UserService {

    private static final int MAX_NAME = 64;

    private final AccountWrites writes;
    private final UserRepository users;
    private final TagStore tags;
    private final GroupMemberRepository members;
    private final AccessKeyRepository accessKeys;
    private final Tagging tagging;
    private final List<UserDependency> dependencies;
    private final SecureRandom random = new SecureRandom();

    public UserService(AccountWrites writes, UserRepository users, TagStore tags, GroupMemberRepository members,
                       AccessKeyRepository accessKeys, Tagging tagging, Instance<UserDependency> dependencies) {
        this.writes = writes;
        this.users = users;
        this.tags = tags;
        this.members = members;
        this.accessKeys = accessKeys;
        this.tagging = tagging;
        this.dependencies = dependencies.stream().toList();
    }

    public Uni<Committed<User>> create(String accountId, String actor, String userName, String path, List<Tag> tagList) {
        return create(accountId, actor, userName, path, tagList, null, null);
    }

    /**
     * CreateUser; with a permissions boundary, {@code preset} sets it at policy-service under the new user's id
     * before the user exists, so the user is never without it.
     */
    public Uni<Committed<User>> create(String accountId, String actor, String userName, String path, List<Tag> tagList,
                                       String boundaryArn, BoundaryCopy.Preset preset) {
        Rules.name("userName", userName, MAX_NAME);
        String userPath = Rules.path("path", path);
        List<Tag> validTags = Rules.tags(tagList);
        String userId = EntityType.USER.newId(random);
        Uni<Void> first = preset == null ? Uni.createFrom().voidItem()
                : Panache.withSession(() -> users.findByName(accountId, userName)).chain(existing -> existing != null
                        ? Uni.createFrom().failure(IamException.alreadyExists("User with name " + userName + " already exists."))
                        : preset.before(userId, userName, userPath));
        return first.chain(() -> writes.write(accountId, actor, change -> users.findByName(accountId, userName).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(IamException.alreadyExists("User with name " + userName + " already exists."));
            }
            UserEntity user = new UserEntity();
            user.userId = userId;
            user.permissionsBoundaryArn = boundaryArn;
            user.accountId = accountId;
            user.userName = userName;
            user.path = userPath;
            user.arn = Arn.iamEntity(AccountId.of(accountId), "user", userPath, userName).toString();
            user.createdAt = change.now();
            return users.persist(user)
                    .chain(() -> tags.tag(accountId, user.userId, validTags))
                    .call(() -> change.emit(new IdentityEvent.UserCreated(user.userId, user.userName, user.path, user.arn,
                            user.createdAt, validTags)))
                    .map(saved -> User.of(user, saved));
        })));
    }

    @WithSession
    public Uni<User> get(String accountId, String userName) {
        Rules.name("userName", userName, MAX_NAME);
        return users.require(accountId, userName)
                .chain(user -> tags.tagsOf(user.userId).map(tagList -> User.of(user, tagList)));
    }

    @WithSession
    public Uni<Page<User>> list(String accountId, String pathPrefix, String marker, Integer maxItems) {
        String prefix = Rules.pathPrefix("pathPrefix", pathPrefix);
        PageRequest page = PageRequest.of(marker, maxItems);
        return users.list(accountId, prefix, page)
                .map(rows -> page.page(rows, row -> row.userName.toLowerCase(java.util.Locale.ROOT)).map(User::listed));
    }

    /** Every user of the account by name, in the caller's session (the credential report). */
    public Uni<List<User>> all(String accountId) {
        return users.list("accountId = ?1 order by lower(userName)", accountId)
                .map(rows -> rows.stream().map(User::listed).toList());
    }

    /** UpdateUser: a new name and/or path; the ARN follows, the unique id stays. */
    public Uni<Committed<User>> update(String accountId, String actor, String userName, String newUserName, String newPath) {
        Rules.name("userName", userName, MAX_NAME);
        if (newUserName != null) {
            Rules.name("newUserName", newUserName, MAX_NAME);
        }
        if (newPath != null) {
            Rules.path("newPath", newPath);
        }
        return writes.write(accountId, actor, change -> users.require(accountId, userName).chain(user -> {
            Uni<Void> nameFree = newUserName == null || newUserName.equalsIgnoreCase(user.userName)
                    ? Uni.createFrom().voidItem()
                    : users.findByName(accountId, newUserName).chain(other -> other == null
                            ? Uni.createFrom().voidItem()
                            : Uni.createFrom().failure(IamException.alreadyExists("User with name " + newUserName + " already exists.")));
            return nameFree.chain(() -> {
                String oldName = user.userName;
                if (newUserName != null) {
                    user.userName = newUserName;
                }
                if (newPath != null) {
                    user.path = newPath;
                }
                user.arn = Arn.iamEntity(AccountId.of(accountId), "user", user.path, user.userName).toString();
                return change.emit(new IdentityEvent.UserUpdated(user.userId, oldName, user.userName, user.path, user.arn))
                        .chain(() -> tags.tagsOf(user.userId))
                        .map(tagList -> User.of(user, tagList));
            });
        }));
    }

    /**
     * DeleteUser: refused with {@code DeleteConflict} while the user has access keys, group memberships or any
     * other {@link UserDependency}.
     */
    public Uni<Committed<Void>> delete(String accountId, String actor, String userName) {
        Rules.name("userName", userName, MAX_NAME);
        return writes.write(accountId, actor, change -> users.require(accountId, userName).chain(user ->
                accessKeys.countOwnedBy(accountId, user.userId).chain(keys -> members.countGroupsOf(user.userId).chain(groups -> {
                    if (keys > 0) {
                        return Uni.createFrom().failure(IamException.deleteConflict(
                                "Cannot delete entity, must delete access keys first."));
                    }
                    if (groups > 0) {
                        return Uni.createFrom().failure(IamException.deleteConflict(
                                "Cannot delete entity, must remove users from group first."));
                    }
                    return firstConflict(accountId, user.userId, 0).chain(conflict -> conflict != null
                            ? Uni.createFrom().failure(IamException.deleteConflict(conflict))
                            : tags.deleteAll(user.userId)
                                    .chain(() -> users.delete(user))
                                    .chain(() -> change.emit(new IdentityEvent.UserDeleted(user.userId, user.userName, user.arn))));
                }))));
    }

    /** The first dependency's conflict, asked one after another (one reactive session runs one query at a time). */
    private Uni<String> firstConflict(String accountId, String userId, int index) {
        if (index == dependencies.size()) {
            return Uni.createFrom().nullItem();
        }
        return dependencies.get(index).conflict(accountId, userId)
                .chain(conflict -> conflict != null ? Uni.createFrom().item(conflict) : firstConflict(accountId, userId, index + 1));
    }

    public Uni<Committed<List<Tag>>> tag(String accountId, String actor, String userName, List<Tag> tagList) {
        Rules.name("userName", userName, MAX_NAME);
        return tagging.tag(accountId, actor, () -> target(accountId, userName), tagList);
    }

    public Uni<Committed<List<Tag>>> untag(String accountId, String actor, String userName, List<String> tagKeys) {
        Rules.name("userName", userName, MAX_NAME);
        return tagging.untag(accountId, actor, () -> target(accountId, userName), tagKeys);
    }

    private Uni<Tagging.Target> target(String accountId, String userName) {
        return users.require(accountId, userName).map(user -> new Tagging.Target(user.userId,
                result -> new IdentityEvent.UserTagsChanged(user.userId, user.userName, user.arn, result)));
    }

    @WithSession
    public Uni<List<Tag>> listTags(String accountId, String userName) {
        Rules.name("userName", userName, MAX_NAME);
        return users.require(accountId, userName).chain(user -> tags.tagsOf(user.userId));
    }
}
