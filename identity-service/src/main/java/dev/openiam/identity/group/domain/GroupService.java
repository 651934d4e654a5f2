package dev.openiam.identity.group.domain;

import dev.openiam.model.rules.Page;
import dev.openiam.model.rules.PageRequest;
import dev.openiam.model.rules.Rules;
import dev.openiam.identity.group.persistence.GroupEntity;
import dev.openiam.identity.group.persistence.GroupMemberEntity;
import dev.openiam.identity.group.persistence.GroupMemberRepository;
import dev.openiam.identity.group.persistence.GroupRepository;
import dev.openiam.identity.outbox.AccountWrites;
import dev.openiam.identity.outbox.Committed;
import dev.openiam.identity.user.domain.User;
import dev.openiam.identity.user.persistence.UserEntity;
import dev.openiam.identity.user.persistence.UserRepository;
import dev.openiam.model.AccountId;
import dev.openiam.model.Arn;
import dev.openiam.model.EntityType;
import dev.openiam.model.IamException;
import dev.openiam.model.event.IdentityEvent;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;

/** IAM groups and memberships: a group holds only users; a user belongs to at most 10 groups. */
@ApplicationScoped
public class GroupService {

    public static final int MAX_GROUPS_PER_USER = 10;
    private static final int MAX_NAME = 128;

    private final AccountWrites writes;
    private final GroupRepository groups;
    private final GroupMemberRepository members;
    private final UserRepository users;
    private final SecureRandom random = new SecureRandom();

    public GroupService(AccountWrites writes, GroupRepository groups, GroupMemberRepository members, UserRepository users) {
        this.writes = writes;
        this.groups = groups;
        this.members = members;
        this.users = users;
    }

    public Uni<Committed<Group>> create(String accountId, String actor, String groupName, String path) {
        Rules.name("groupName", groupName, MAX_NAME);
        String groupPath = Rules.path("path", path);
        return writes.write(accountId, actor, change -> groups.findByName(accountId, groupName).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(IamException.alreadyExists("Group with name " + groupName + " already exists."));
            }
            GroupEntity group = new GroupEntity();
            group.groupId = EntityType.GROUP.newId(random);
            group.accountId = accountId;
            group.groupName = groupName;
            group.path = groupPath;
            group.arn = Arn.iamEntity(AccountId.of(accountId), "group", groupPath, groupName).toString();
            group.createdAt = change.now();
            return groups.persist(group)
                    .call(() -> change.emit(new IdentityEvent.GroupCreated(group.groupId, group.groupName, group.path,
                            group.arn, group.createdAt)))
                    .map(Group::of);
        }));
    }

    @WithSession
    public Uni<GroupWithUsers> get(String accountId, String groupName, String marker, Integer maxItems) {
        Rules.name("groupName", groupName, MAX_NAME);
        PageRequest page = PageRequest.of(marker, maxItems);
        return groups.require(accountId, groupName).chain(group -> users.find(
                        "from UserEntity u where exists (select 1 from GroupMemberEntity m where m.userId = u.userId "
                                + "and m.groupId = ?1) and lower(u.userName) > ?2 order by lower(u.userName)",
                        group.groupId, page.after()).range(0, page.maxItems()).list()
                .map(rows -> new GroupWithUsers(Group.of(group),
                        page.page(rows, row -> row.userName.toLowerCase(Locale.ROOT)).map(User::listed))));
    }

    @WithSession
    public Uni<Page<Group>> list(String accountId, String pathPrefix, String marker, Integer maxItems) {
        String prefix = Rules.pathPrefix("pathPrefix", pathPrefix);
        PageRequest page = PageRequest.of(marker, maxItems);
        return groups.list(accountId, prefix, page)
                .map(rows -> page.page(rows, row -> row.groupName.toLowerCase(Locale.ROOT)).map(Group::of));
    }

    @WithSession
    public Uni<Page<Group>> listForUser(String accountId, String userName, String marker, Integer maxItems) {
        Rules.name("userName", userName, 128);
        PageRequest page = PageRequest.of(marker, maxItems);
        return users.require(accountId, userName).chain(user -> groups.listForUser(user.userId, page))
                .map(rows -> page.page(rows, row -> row.groupName.toLowerCase(Locale.ROOT)).map(Group::of));
    }

    public Uni<Committed<Group>> update(String accountId, String actor, String groupName, String newGroupName, String newPath) {
        Rules.name("groupName", groupName, MAX_NAME);
        if (newGroupName != null) {
            Rules.name("newGroupName", newGroupName, MAX_NAME);
        }
        if (newPath != null) {
            Rules.path("newPath", newPath);
        }
        return writes.write(accountId, actor, change -> groups.require(accountId, groupName).chain(group -> {
            Uni<Void> nameFree = newGroupName == null || newGroupName.equalsIgnoreCase(group.groupName)
                    ? Uni.createFrom().voidItem()
                    : groups.findByName(accountId, newGroupName).chain(other -> other == null
                            ? Uni.createFrom().voidItem()
                            : Uni.createFrom().failure(IamException.alreadyExists("Group with name " + newGroupName + " already exists.")));
            return nameFree.chain(() -> {
                String oldName = group.groupName;
                if (newGroupName != null) {
                    group.groupName = newGroupName;
                }
                if (newPath != null) {
                    group.path = newPath;
                }
                group.arn = Arn.iamEntity(AccountId.of(accountId), "group", group.path, group.groupName).toString();
                return change.emit(new IdentityEvent.GroupUpdated(group.groupId, oldName, group.groupName, group.path, group.arn))
                        .map(ignored -> Group.of(group));
            });
        }));
    }

    /** DeleteGroup: refused with {@code DeleteConflict} while the group has members. */
    public Uni<Committed<Void>> delete(String accountId, String actor, String groupName) {
        Rules.name("groupName", groupName, MAX_NAME);
        return writes.write(accountId, actor, change -> groups.require(accountId, groupName).chain(group ->
                members.countMembersOf(group.groupId).chain(count -> count > 0
                        ? Uni.createFrom().failure(IamException.deleteConflict(
                        "Cannot delete entity, must remove users from group first."))
                        : groups.delete(group).chain(() -> change.emit(
                        new IdentityEvent.GroupDeleted(group.groupId, group.groupName, group.arn))))));
    }

    public Uni<Committed<Void>> addUser(String accountId, String actor, String groupName, String userName) {
        Rules.name("groupName", groupName, MAX_NAME);
        Rules.name("userName", userName, 128);
        return writes.write(accountId, actor, change -> groups.require(accountId, groupName).chain(group ->
                users.require(accountId, userName).chain(user -> members.find(group.groupId, user.userId).chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().voidItem(); // AWS answers success when the user already is a member
                    }
                    return members.countGroupsOf(user.userId).chain(count -> {
                        if (count >= MAX_GROUPS_PER_USER) {
                            return Uni.createFrom().failure(IamException.limitExceeded(
                                    "Cannot exceed quota for GroupsPerUser: " + MAX_GROUPS_PER_USER));
                        }
                        GroupMemberEntity member = new GroupMemberEntity();
                        member.groupId = group.groupId;
                        member.userId = user.userId;
                        member.accountId = accountId;
                        member.addedAt = change.now();
                        return members.persist(member).chain(() -> change.emit(new IdentityEvent.UserAddedToGroup(
                                group.groupId, group.groupName, user.userId, user.userName)));
                    });
                }))));
    }

    public Uni<Committed<Void>> removeUser(String accountId, String actor, String groupName, String userName) {
        Rules.name("groupName", groupName, MAX_NAME);
        Rules.name("userName", userName, 128);
        return writes.write(accountId, actor, change -> groups.require(accountId, groupName).chain(group ->
                users.require(accountId, userName).chain(user -> members.find(group.groupId, user.userId).chain(member -> {
                    if (member == null) {
                        return Uni.createFrom().failure(IamException.noSuchEntity(
                                "The user with name " + userName + " cannot be found in group " + groupName + "."));
                    }
                    return members.delete(member).chain(() -> change.emit(new IdentityEvent.UserRemovedFromGroup(
                            group.groupId, group.groupName, user.userId, user.userName)));
                }))));
    }

}
