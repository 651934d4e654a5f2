package dev.openiam.identity.role.domain;

import dev.openiam.identity.role.persistence.RoleEntity;
import dev.openiam.model.Tag;

import java.time.Instant;
import java.util.List;

public record Role(String roleId, String roleName, String path, String arn, Instant createDate,
                   String assumeRolePolicyDocument, String description, int maxSessionDuration, List<Tag> tags,
                   String permissionsBoundaryArn) {

    public static Role of(RoleEntity entity, List<Tag> tags) {
        return new Role(entity.roleId, entity.roleName, entity.path, entity.arn, entity.createdAt, entity.assumeRolePolicy,
                entity.description, entity.maxSessionDuration, tags, entity.permissionsBoundaryArn);
    }
}
