package dev.openiam.identity.snapshot;

import dev.openiam.model.Tag;

import java.util.List;

/**
 * Every principal of an account as of one revision, for services that project identity state (policy-
 * service): they load this, then apply the events after {@code revision} from {@code iam.identity.v1}.
 */
public record PrincipalSnapshot(String accountId, long revision, List<UserEntry> users, List<GroupEntry> groups,
                                List<RoleEntry> roles) {

    public record UserEntry(String userId, String userName, String path, String arn, List<Tag> tags, List<String> groupIds) {
    }

    public record GroupEntry(String groupId, String groupName, String path, String arn) {
    }

    public record RoleEntry(String roleId, String roleName, String path, String arn, List<Tag> tags, int maxSessionDuration) {
    }
}
