package dev.openiam.identity.instanceprofile.domain;

import dev.openiam.identity.instanceprofile.persistence.InstanceProfileEntity;
import dev.openiam.identity.role.domain.Role;
import dev.openiam.model.Tag;

import java.time.Instant;
import java.util.List;

/** An instance profile with its role (none or one), as GetInstanceProfile shows it. */
public record InstanceProfile(String instanceProfileId, String instanceProfileName, String path, String arn,
                              Instant createDate, List<Role> roles, List<Tag> tags) {

    public static InstanceProfile of(InstanceProfileEntity entity, List<Role> roles, List<Tag> tags) {
        return new InstanceProfile(entity.instanceProfileId, entity.instanceProfileName, entity.path, entity.arn,
                entity.createdAt, roles, tags);
    }
}
