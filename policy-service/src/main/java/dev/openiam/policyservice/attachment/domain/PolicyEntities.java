package dev.openiam.policyservice.attachment.domain;

import java.util.List;

/** The answer of ListEntitiesForPolicy: one page of the groups, users and roles a policy is attached to. */
public record PolicyEntities(List<Entity> groups, List<Entity> users, List<Entity> roles, boolean isTruncated,
                             String marker) {

    /** A principal, by name and unique id. */
    public record Entity(String type, String name, String id, String path) {
    }
}
