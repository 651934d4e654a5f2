package dev.openiam.identity.account;

import dev.openiam.model.rules.PageRequest;
import dev.openiam.identity.group.domain.Group;
import dev.openiam.identity.group.persistence.GroupEntity;
import dev.openiam.identity.group.persistence.GroupRepository;
import dev.openiam.identity.instanceprofile.domain.InstanceProfile;
import dev.openiam.identity.instanceprofile.persistence.InstanceProfileRepository;
import dev.openiam.identity.role.domain.Role;
import dev.openiam.identity.role.persistence.RoleEntity;
import dev.openiam.identity.role.persistence.RoleRepository;
import dev.openiam.identity.tag.TagStore;
import dev.openiam.identity.user.domain.User;
import dev.openiam.identity.user.persistence.UserEntity;
import dev.openiam.identity.user.persistence.UserRepository;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Pages through users, then groups, then roles (each in name order); the marker is the position in
 * that sequence.
 */
@ApplicationScoped
public class AuthorizationDetailsService {

    public static final Set<String> FILTERS = Set.of("User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy");

    private final UserRepository users;
    private final GroupRepository groups;
    private final RoleRepository roles;
    private final InstanceProfileRepository profiles;
    private final TagStore tags;

    public AuthorizationDetailsService(UserRepository users, GroupRepository groups, RoleRepository roles,
                                       InstanceProfileRepository profiles, TagStore tags) {
        this.users = users;
        this.groups = groups;
        this.roles = roles;
        this.profiles = profiles;
        this.tags = tags;
    }

    @WithSession
    public Uni<AuthorizationDetails> details(String accountId, List<String> filter, String marker, Integer maxItems) {
        for (String entity : filter) {
            if (!FILTERS.contains(entity)) {
                throw new IamException(ErrorCode.VALIDATION_ERROR, "1 validation error detected: Value '" + entity
                        + "' at 'filter' failed to satisfy constraint: Member must satisfy enum value set: " + FILTERS);
            }
        }
        boolean all = filter.isEmpty();
        int max = PageRequest.of(null, maxItems).maxItems();
        int start = decode(marker);
        Uni<List<UserEntity>> userRows = all || filter.contains("User")
                ? users.find("accountId = ?1 order by lower(userName)", accountId).list() : Uni.createFrom().item(List.of());
        Uni<List<GroupEntity>> groupRows = all || filter.contains("Group")
                ? groups.find("accountId = ?1 order by lower(groupName)", accountId).list() : Uni.createFrom().item(List.of());
        Uni<List<RoleEntity>> roleRows = all || filter.contains("Role")
                ? roles.find("accountId = ?1 order by lower(roleName)", accountId).list() : Uni.createFrom().item(List.of());
        return userRows.chain(u -> groupRows.chain(g -> roleRows.chain(r -> {
            int total = u.size() + g.size() + r.size();
            int end = Math.min(total, start + max);
            List<UserEntity> pageUsers = slice(u, start, end, 0);
            List<GroupEntity> pageGroups = slice(g, start, end, u.size());
            List<RoleEntity> pageRoles = slice(r, start, end, u.size() + g.size());
            return userDetails(pageUsers).chain(ud -> roleDetails(pageRoles).map(rd -> new AuthorizationDetails(ud,
                    pageGroups.stream().map(Group::of).toList(), rd, end < total, end < total ? encode(end) : null)));
        })));
    }

    private Uni<List<AuthorizationDetails.UserDetail>> userDetails(List<UserEntity> rows) {
        return Multi.createFrom().iterable(rows).onItem().transformToUniAndConcatenate(user ->
                tags.tagsOf(user.userId).chain(tagList -> groups.listForUser(user.userId, PageRequest.of(null, 1000))
                        .map(groupList -> new AuthorizationDetails.UserDetail(User.of(user, tagList),
                                groupList.stream().map(group -> group.groupName).toList()))))
                .collect().asList();
    }

    private Uni<List<AuthorizationDetails.RoleDetail>> roleDetails(List<RoleEntity> rows) {
        return Multi.createFrom().iterable(rows).onItem().transformToUniAndConcatenate(role ->
                tags.tagsOf(role.roleId).chain(tagList -> profiles.find("roleId", role.roleId).list()
                        .map(profileList -> new AuthorizationDetails.RoleDetail(Role.of(role, tagList),
                                profileList.stream().map(profile -> InstanceProfile.of(profile,
                                        List.of(Role.of(role, List.of())), List.of())).toList()))))
                .collect().asList();
    }

    private static <T> List<T> slice(List<T> rows, int start, int end, int offset) {
        List<T> page = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            int position = offset + i;
            if (position >= start && position < end) {
                page.add(rows.get(i));
            }
        }
        return page;
    }

    private static String encode(int position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("pos:" + position).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String marker) {
        if (marker == null) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            if (text.startsWith("pos:")) {
                return Integer.parseInt(text.substring(4));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw new IamException(ErrorCode.VALIDATION_ERROR, "Invalid Marker: `" + marker + "`");
    }
}
