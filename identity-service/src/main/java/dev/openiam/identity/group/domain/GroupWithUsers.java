package dev.openiam.identity.group.domain;

import dev.openiam.identity.common.Page;
import dev.openiam.identity.user.domain.User;

/** GetGroup: the group and a page of its members. */
public record GroupWithUsers(Group group, Page<User> users) {
}
