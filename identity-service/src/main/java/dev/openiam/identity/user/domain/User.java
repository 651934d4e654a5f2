package dev.openiam.identity.user.domain;

import dev.openiam.identity.user.persistence.UserEntity;
import dev.openiam.model.Tag;

import java.time.Instant;
import java.util.List;

/** A user as the APIs show it; {@code tags} is empty where a listing does not carry them. */
public record User(String userId, String userName, String path, String arn, Instant createDate, List<Tag> tags,
                   String permissionsBoundaryArn, Instant passwordLastUsed) {

    public static User of(UserEntity entity, List<Tag> tags) {
        return new User(entity.userId, entity.userName, entity.path, entity.arn, entity.createdAt, tags,
                entity.permissionsBoundaryArn, null);
    }

    /** As ListUsers shows a user: without tags and boundary, as AWS does. */
    public static User listed(UserEntity entity) {
        return new User(entity.userId, entity.userName, entity.path, entity.arn, entity.createdAt, List.of(), null, null);
    }

    /** The user with the time its console password last signed in ({@code null}: never, or no password). */
    public User withPasswordLastUsed(Instant lastUsed) {
        return new User(userId, userName, path, arn, createDate, tags, permissionsBoundaryArn, lastUsed);
    }
}
