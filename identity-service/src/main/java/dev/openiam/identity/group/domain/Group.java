package dev.openiam.identity.group.domain;

import dev.openiam.identity.group.persistence.GroupEntity;

import java.time.Instant;

public record Group(String groupId, String groupName, String path, String arn, Instant createDate) {

    public static Group of(GroupEntity entity) {
        return new Group(entity.groupId, entity.groupName, entity.path, entity.arn, entity.createdAt);
    }
}
