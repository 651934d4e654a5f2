package dev.openiam.model.event;

import dev.openiam.model.Tag;

import java.time.Instant;
import java.util.List;

/**
 * The changes identity-service publishes on {@code iam.identity.v1}. Each record carries enough for a
 * consumer to update its projection without calling back: ids, names, ARNs and resulting state.
 * Version 1 of each; a new field is added as nullable, a changed meaning becomes a new record.
 */
public sealed interface IdentityEvent extends Event {

    String TOPIC = "iam.identity.v1";

    record AccountCreated(String accountId, String rootArn, Instant createDate) implements IdentityEvent {
    }

    record AccountAliasCreated(String accountAlias, String previousAlias) implements IdentityEvent {
    }

    record AccountAliasDeleted(String accountAlias) implements IdentityEvent {
    }

    record UserCreated(String userId, String userName, String path, String arn, Instant createDate,
                       List<Tag> tags) implements IdentityEvent {
    }

    record UserUpdated(String userId, String oldUserName, String userName, String path, String arn)
            implements IdentityEvent {
    }

    record UserDeleted(String userId, String userName, String arn) implements IdentityEvent {
    }

    record UserTagsChanged(String userId, String userName, String arn, List<Tag> tags) implements IdentityEvent {
    }

    record GroupCreated(String groupId, String groupName, String path, String arn, Instant createDate)
            implements IdentityEvent {
    }

    record GroupUpdated(String groupId, String oldGroupName, String groupName, String path, String arn)
            implements IdentityEvent {
    }

    record GroupDeleted(String groupId, String groupName, String arn) implements IdentityEvent {
    }

    record UserAddedToGroup(String groupId, String groupName, String userId, String userName) implements IdentityEvent {
    }

    record UserRemovedFromGroup(String groupId, String groupName, String userId, String userName)
            implements IdentityEvent {
    }

    record RoleCreated(String roleId, String roleName, String path, String arn, Instant createDate,
                       String assumeRolePolicyDocument, String description, int maxSessionDuration,
                       List<Tag> tags) implements IdentityEvent {
    }

    record RoleUpdated(String roleId, String roleName, String arn, String description, int maxSessionDuration)
            implements IdentityEvent {
    }

    record RoleTrustPolicyUpdated(String roleId, String roleName, String arn, String assumeRolePolicyDocument)
            implements IdentityEvent {
    }

    record RoleDeleted(String roleId, String roleName, String arn) implements IdentityEvent {
    }

    record RoleTagsChanged(String roleId, String roleName, String arn, List<Tag> tags) implements IdentityEvent {
    }

    record InstanceProfileCreated(String instanceProfileId, String instanceProfileName, String path, String arn,
                                  Instant createDate, List<Tag> tags) implements IdentityEvent {
    }

    record InstanceProfileDeleted(String instanceProfileId, String instanceProfileName, String arn)
            implements IdentityEvent {
    }

    record RoleAddedToInstanceProfile(String instanceProfileId, String instanceProfileName, String roleId,
                                      String roleName) implements IdentityEvent {
    }

    record RoleRemovedFromInstanceProfile(String instanceProfileId, String instanceProfileName, String roleId,
                                          String roleName) implements IdentityEvent {
    }

    /** {@code userName} is {@code null} for the root user's keys. The secret never appears in an event. */
    record AccessKeyCreated(String accessKeyId, String userId, String userName, String status, Instant createDate)
            implements IdentityEvent {
    }

    record AccessKeyUpdated(String accessKeyId, String userId, String userName, String status)
            implements IdentityEvent {
    }

    record AccessKeyDeleted(String accessKeyId, String userId, String userName) implements IdentityEvent {
    }

    /**
     * A console password was given to a user ({@code userName}) or to the account's root ({@code userName} null).
     * Never the password or its hash.
     */
    record LoginProfileCreated(String principalId, String userName, boolean passwordResetRequired, Instant createDate)
            implements IdentityEvent {
    }

    /** A login profile changed: a new password ({@code passwordChanged}) and/or whether it must be reset. */
    record LoginProfileUpdated(String principalId, String userName, boolean passwordChanged, boolean passwordResetRequired)
            implements IdentityEvent {
    }

    record LoginProfileDeleted(String principalId, String userName) implements IdentityEvent {
    }

    /** The account password policy as set (unset fields null), every field of botocore's {@code PasswordPolicy}. */
    record AccountPasswordPolicyUpdated(int minimumPasswordLength, boolean requireSymbols, boolean requireNumbers,
                                        boolean requireUppercaseCharacters, boolean requireLowercaseCharacters,
                                        boolean allowUsersToChangePassword, Integer maxPasswordAge,
                                        Integer passwordReusePrevention, Boolean hardExpiry) implements IdentityEvent {
    }

    record AccountPasswordPolicyDeleted() implements IdentityEvent {
    }

    // virtual MFA devices: the seed never appears in an event; userId and userName are null for the root user

    record VirtualMfaDeviceCreated(String serialNumber, String path, String virtualMfaDeviceName, Instant createDate,
                                   List<Tag> tags) implements IdentityEvent {
    }

    record MfaDeviceEnabled(String serialNumber, String userId, String userName, boolean root, Instant enableDate)
            implements IdentityEvent {
    }

    record MfaDeviceDeactivated(String serialNumber, String userId, String userName, boolean root) implements IdentityEvent {
    }

    record VirtualMfaDeviceDeleted(String serialNumber) implements IdentityEvent {
    }

    record MfaDeviceTagsChanged(String serialNumber, List<Tag> tags) implements IdentityEvent {
    }

    // OpenID Connect providers: each event carries the provider's resulting state, for sts-service's projection

    record OpenIdConnectProviderCreated(String arn, String url, List<String> clientIds, List<String> thumbprints,
                                        Instant createDate, List<Tag> tags) implements IdentityEvent {
    }

    record OpenIdConnectProviderUpdated(String arn, String url, List<String> clientIds, List<String> thumbprints)
            implements IdentityEvent {
    }

    record OpenIdConnectProviderDeleted(String arn, String url) implements IdentityEvent {
    }

    record OpenIdConnectProviderTagsChanged(String arn, List<Tag> tags) implements IdentityEvent {
    }
}
