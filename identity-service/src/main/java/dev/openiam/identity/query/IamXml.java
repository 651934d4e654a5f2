package dev.openiam.identity.query;

import dev.openiam.awsprotocol.query.QueryXml.Element;
import dev.openiam.identity.accesskey.domain.AccessKey;
import dev.openiam.identity.group.domain.Group;
import dev.openiam.identity.instanceprofile.domain.InstanceProfile;
import dev.openiam.identity.role.domain.Role;
import dev.openiam.identity.user.domain.User;

/** The IAM shapes (botocore's {@code User}, {@code Role}, …) as Query XML. */
public final class IamXml {

    private IamXml() {
    }

    public static void user(Element e, User user) {
        e.text("Path", user.path()).text("UserName", user.userName()).text("UserId", user.userId())
                .text("Arn", user.arn()).date("CreateDate", user.createDate()).date("PasswordLastUsed", user.passwordLastUsed());
        boundary(e, user.permissionsBoundaryArn());
        if (!user.tags().isEmpty()) {
            e.tags("Tags", user.tags());
        }
    }

    public static void group(Element e, Group group) {
        e.text("Path", group.path()).text("GroupName", group.groupName()).text("GroupId", group.groupId())
                .text("Arn", group.arn()).date("CreateDate", group.createDate());
    }

    /** A role; IAM writes the trust policy URL-encoded. */
    public static void role(Element e, Role role) {
        e.text("Path", role.path()).text("RoleName", role.roleName()).text("RoleId", role.roleId())
                .text("Arn", role.arn()).date("CreateDate", role.createDate())
                .urlEncodedText("AssumeRolePolicyDocument", role.assumeRolePolicyDocument())
                .text("Description", role.description())
                .integer("MaxSessionDuration", role.maxSessionDuration());
        boundary(e, role.permissionsBoundaryArn());
        if (role.tags() != null && !role.tags().isEmpty()) {
            e.tags("Tags", role.tags());
        }
    }

    public static void instanceProfile(Element e, InstanceProfile profile) {
        e.text("Path", profile.path()).text("InstanceProfileName", profile.instanceProfileName())
                .text("InstanceProfileId", profile.instanceProfileId()).text("Arn", profile.arn())
                .date("CreateDate", profile.createDate())
                .list("Roles", profile.roles(), IamXml::role);
        if (profile.tags() != null && !profile.tags().isEmpty()) {
            e.tags("Tags", profile.tags());
        }
    }

    public static void accessKeyMetadata(Element e, AccessKey key) {
        e.text("UserName", key.userName()).text("AccessKeyId", key.accessKeyId()).text("Status", key.status())
                .date("CreateDate", key.createDate());
    }

    /** botocore's {@code AttachedPermissionsBoundary}, when the entity has one. */
    private static void boundary(Element e, String arn) {
        if (arn != null) {
            e.element("PermissionsBoundary", b -> b.text("PermissionsBoundaryType", "PermissionsBoundaryPolicy")
                    .text("PermissionsBoundaryArn", arn));
        }
    }
}
