package dev.openiam.model.event;

import dev.openiam.model.Tag;

import java.time.Instant;
import java.util.List;

/**
 * The changes policy-service publishes on {@code iam.policy.v1}. Each record carries what a projection
 * needs without calling back: ids, ARNs, names, and the policy document wherever a document becomes
 * effective. Principals are named by name and unique id ({@code AIDA…}, {@code AGPA…}, {@code AROA…}).
 * Version 1 of each; a new field is added as nullable, a changed meaning becomes a new record.
 */
public sealed interface PolicyEvent extends Event {

    String TOPIC = "iam.policy.v1";

    /** A customer managed policy and its first version, {@code v1}, which is its default. */
    record PolicyCreated(String arn, String id, String name, String path, String defaultVersionId, String document,
                         String description, Instant createDate, List<Tag> tags) implements PolicyEvent {
    }

    /** A new version; when {@code setAsDefault}, {@code document} is now the policy's effective document. */
    record PolicyVersionCreated(String arn, String versionId, String document, boolean setAsDefault)
            implements PolicyEvent {
    }

    /** A non-default version was deleted (the default one cannot be). */
    record PolicyVersionDeleted(String arn, String versionId) implements PolicyEvent {
    }

    /** {@code versionId} is now the default, and {@code document} the policy's effective document. */
    record DefaultPolicyVersionSet(String arn, String versionId, String document) implements PolicyEvent {
    }

    /** The policy and all its versions are gone (it had no attachments left). */
    record PolicyDeleted(String arn, String id, String name) implements PolicyEvent {
    }

    /** The policy's tags after a TagPolicy or UntagPolicy. */
    record PolicyTagsChanged(String arn, List<Tag> tags) implements PolicyEvent {
    }

    record UserPolicyAttached(String userName, String userId, String policyArn) implements PolicyEvent {
    }

    record UserPolicyDetached(String userName, String userId, String policyArn) implements PolicyEvent {
    }

    record GroupPolicyAttached(String groupName, String groupId, String policyArn) implements PolicyEvent {
    }

    record GroupPolicyDetached(String groupName, String groupId, String policyArn) implements PolicyEvent {
    }

    record RolePolicyAttached(String roleName, String roleId, String policyArn) implements PolicyEvent {
    }

    record RolePolicyDetached(String roleName, String roleId, String policyArn) implements PolicyEvent {
    }

    /** An inline policy created or replaced; {@code document} is the one now in effect. */
    record UserInlinePolicyPut(String userName, String userId, String policyName, String document)
            implements PolicyEvent {
    }

    record UserInlinePolicyDeleted(String userName, String userId, String policyName) implements PolicyEvent {
    }

    record GroupInlinePolicyPut(String groupName, String groupId, String policyName, String document)
            implements PolicyEvent {
    }

    record GroupInlinePolicyDeleted(String groupName, String groupId, String policyName) implements PolicyEvent {
    }

    record RoleInlinePolicyPut(String roleName, String roleId, String policyName, String document)
            implements PolicyEvent {
    }

    record RoleInlinePolicyDeleted(String roleName, String roleId, String policyName) implements PolicyEvent {
    }

    /**
     * The user's permissions boundary is now {@code policyArn}; {@code document} is that policy's default
     * document at the time, so a projection can apply it without looking the policy up.
     */
    record UserPermissionsBoundaryPut(String userName, String userId, String policyArn, String document)
            implements PolicyEvent {
    }

    record UserPermissionsBoundaryDeleted(String userName, String userId, String policyArn) implements PolicyEvent {
    }

    /** As {@link UserPermissionsBoundaryPut}, for a role. */
    record RolePermissionsBoundaryPut(String roleName, String roleId, String policyArn, String document)
            implements PolicyEvent {
    }

    record RolePermissionsBoundaryDeleted(String roleName, String roleId, String policyArn) implements PolicyEvent {
    }
}
