package dev.openiam.authorization;

import dev.openiam.model.Tag;

import java.util.List;

/**
 * An entity as stored: its ARN (with its path and stored letter case), path, name, tags, and the
 * permissions boundary of a user or role ({@code null} when it has none, or when the resolving service
 * does not own boundaries). For an access key, the entity is the user that owns it.
 */
public record Entity(String arn, String path, String name, List<Tag> tags, String permissionsBoundaryArn) {

    public Entity {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public Entity withBoundary(String boundaryArn) {
        return new Entity(arn, path, name, tags, boundaryArn);
    }
}
