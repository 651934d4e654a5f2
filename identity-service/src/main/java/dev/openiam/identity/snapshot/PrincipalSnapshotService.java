package dev.openiam.identity.snapshot;

import dev.openiam.identity.account.AccountEntity;
import dev.openiam.identity.group.persistence.GroupMemberEntity;
import dev.openiam.identity.group.persistence.GroupMemberRepository;
import dev.openiam.identity.group.persistence.GroupRepository;
import dev.openiam.identity.role.persistence.RoleRepository;
import dev.openiam.identity.tag.TagEntity;
import dev.openiam.identity.tag.TagStore;
import dev.openiam.identity.user.persistence.UserRepository;
import dev.openiam.model.IamException;
import dev.openiam.model.Tag;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads an account's principals consistently with its revision: the account row is share-locked for
 * the read, so no write (which takes it for update) can slip between the revision and the data.
 */
@ApplicationScoped
public class PrincipalSnapshotService {

    private final UserRepository users;
    private final GroupRepository groups;
    private final GroupMemberRepository members;
    private final RoleRepository roles;
    private final TagStore tags;

    public PrincipalSnapshotService(UserRepository users, GroupRepository groups, GroupMemberRepository members,
                                    RoleRepository roles, TagStore tags) {
        this.users = users;
        this.groups = groups;
        this.members = members;
        this.roles = roles;
        this.tags = tags;
    }

    public Uni<PrincipalSnapshot> snapshot(String accountId) {
        Rows rows = new Rows();
        // one statement at a time: a reactive session does not run statements concurrently
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.find(AccountEntity.class, accountId, LockModeType.PESSIMISTIC_READ))
                .onItem().ifNull().failWith(() -> IamException.noSuchEntity("The account with id " + accountId + " cannot be found."))
                .invoke(account -> rows.account = account)
                .chain(() -> users.list("accountId", accountId)).invoke(list -> rows.users = list)
                .chain(() -> groups.list("accountId", accountId)).invoke(list -> rows.groups = list)
                .chain(() -> members.list("accountId", accountId)).invoke(list -> rows.members = list)
                .chain(() -> roles.list("accountId", accountId)).invoke(list -> rows.roles = list)
                .chain(() -> tags.list("accountId", accountId)).invoke(list -> rows.tags = list)
                .map(ignored -> assemble(rows.account, rows.users, rows.groups, rows.members, rows.roles, rows.tags)));
    }

    private static final class Rows {
        AccountEntity account;
        List<dev.openiam.identity.user.persistence.UserEntity> users;
        List<dev.openiam.identity.group.persistence.GroupEntity> groups;
        List<GroupMemberEntity> members;
        List<dev.openiam.identity.role.persistence.RoleEntity> roles;
        List<TagEntity> tags;
    }

    private static PrincipalSnapshot assemble(AccountEntity account, List<dev.openiam.identity.user.persistence.UserEntity> userRows,
                                              List<dev.openiam.identity.group.persistence.GroupEntity> groupRows,
                                              List<GroupMemberEntity> memberRows,
                                              List<dev.openiam.identity.role.persistence.RoleEntity> roleRows,
                                              List<TagEntity> tagRows) {
        Map<String, List<Tag>> tagsByResource = tagRows.stream().sorted(Comparator.comparingInt(row -> row.position))
                .collect(Collectors.groupingBy(row -> row.resourceId, Collectors.mapping(row -> new Tag(row.key, row.value),
                        Collectors.toList())));
        Map<String, List<String>> groupsByUser = memberRows.stream()
                .collect(Collectors.groupingBy(row -> row.userId, Collectors.mapping(row -> row.groupId, Collectors.toList())));
        List<PrincipalSnapshot.UserEntry> userEntries = new ArrayList<>();
        userRows.forEach(user -> userEntries.add(new PrincipalSnapshot.UserEntry(user.userId, user.userName, user.path, user.arn,
                tagsByResource.getOrDefault(user.userId, List.of()), groupsByUser.getOrDefault(user.userId, List.of()))));
        List<PrincipalSnapshot.GroupEntry> groupEntries = groupRows.stream()
                .map(group -> new PrincipalSnapshot.GroupEntry(group.groupId, group.groupName, group.path, group.arn)).toList();
        List<PrincipalSnapshot.RoleEntry> roleEntries = roleRows.stream()
                .map(role -> new PrincipalSnapshot.RoleEntry(role.roleId, role.roleName, role.path, role.arn,
                        tagsByResource.getOrDefault(role.roleId, List.of()), role.maxSessionDuration)).toList();
        return new PrincipalSnapshot(account.accountId, account.revision, userEntries, groupEntries, roleEntries);
    }
}
