package dev.openiam.identity.group.domain;

import dev.openiam.model.rules.Page;
import dev.openiam.identity.user.domain.User;

/** GetGroup: the group and a page of its members. */
public record GroupWithUsers(Group group, Page<User> users) {
}
