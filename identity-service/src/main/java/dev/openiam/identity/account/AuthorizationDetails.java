package dev.openiam.identity.account;

import dev.openiam.identity.group.domain.Group;
import dev.openiam.identity.instanceprofile.domain.InstanceProfile;
import dev.openiam.identity.role.domain.Role;
import dev.openiam.identity.user.domain.User;

import java.util.List;

/**
 * GetAccountAuthorizationDetails as far as identity-service's data goes: users with their groups,
 * groups, roles with their instance profiles. Policies join when policy-service answers for them.
 */
public record AuthorizationDetails(List<UserDetail> users, List<Group> groups, List<RoleDetail> roles,
                                   boolean isTruncated, String marker) {

    public record UserDetail(User user, List<String> groupNames) {
    }

    public record RoleDetail(Role role, List<InstanceProfile> instanceProfiles) {
    }
}
