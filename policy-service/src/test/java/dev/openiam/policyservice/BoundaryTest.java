package dev.openiam.policyservice;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.openiam.policyservice.Iam.doc;
import static org.assertj.core.api.Assertions.assertThat;

/** Put/Delete{User,Role}PermissionsBoundary. */
@QuarkusTest
class BoundaryTest {

    @Test
    void setsReplacesAndRemovesBoundariesOfUsersAndRoles() {
        Iam iam = Iam.freshAccount();
        var alice = IdentityStandIn.user(iam.accountId(), "alice");
        IdentityStandIn.role(iam.accountId(), "app");
        String arn = iam.arn("policy/Boundary");
        iam.ok("CreatePolicy", "PolicyName", "Boundary", "PolicyDocument", doc("s3:*"));
        String readOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";

        for (String[] p : List.of(new String[]{"User", "alice"}, new String[]{"Role", "app"})) {
            String n = p[0] + "Name";
            long before = iam.revision();
            assertThat(iam.written("Put" + p[0] + "PermissionsBoundary", n, p[1], "PermissionsBoundary", arn)).isEqualTo(before + 1);
            iam.ok("Put" + p[0] + "PermissionsBoundary", n, p[1], "PermissionsBoundary", readOnly);
            iam.ok("Put" + p[0] + "PermissionsBoundary", n, p[1], "PermissionsBoundary", arn);
        }
        XmlPath policy = iam.ok("GetPolicy", "PolicyArn", arn);
        assertThat(policy.getInt("Policy.PermissionsBoundaryUsageCount")).isEqualTo(2);
        assertThat(policy.getInt("Policy.AttachmentCount")).isZero();
        XmlPath users = iam.ok("ListEntitiesForPolicy", "PolicyArn", arn, "PolicyUsageFilter", "PermissionsBoundary");
        assertThat(users.getList("PolicyUsers.member.UserId")).containsExactly(alice.id());
        assertThat(users.getList("PolicyRoles.member.RoleName")).containsExactly("app");
        assertThat(iam.ok("ListPolicies", "Scope", "Local", "PolicyUsageFilter", "PermissionsBoundary")
                .getList("Policies.member.PolicyName")).containsExactly("Boundary");
        assertThat(iam.ok("ListPolicies", "Scope", "Local", "OnlyAttached", "true").getList("Policies.member.PolicyName"))
                .as("a boundary is not an attachment").isEmpty();
        assertThat(iam.ok("ListPolicies", "Scope", "Local", "PolicyUsageFilter", "PermissionsPolicy")
                .getList("Policies.member.PolicyName")).isEmpty();
        iam.fails(409, "DeleteConflict", "Cannot delete a policy attached to entities.", "DeletePolicy", "PolicyArn", arn);

        for (String[] p : List.of(new String[]{"User", "alice"}, new String[]{"Role", "app"})) {
            String n = p[0] + "Name";
            iam.ok("Delete" + p[0] + "PermissionsBoundary", n, p[1]);
            long before = iam.revision();
            iam.ok("Delete" + p[0] + "PermissionsBoundary", n, p[1]);
            assertThat(iam.revision()).as("no boundary left: nothing to delete, nothing written").isEqualTo(before);
            String kind = p[0].toLowerCase();
            iam.fails(404, "NoSuchEntity", "The " + kind + " with name ghost cannot be found.",
                    "Put" + p[0] + "PermissionsBoundary", n, "ghost", "PermissionsBoundary", arn);
            iam.fails(404, "NoSuchEntity", "The " + kind + " with name ghost cannot be found.",
                    "Delete" + p[0] + "PermissionsBoundary", n, "ghost");
            iam.fails(404, "NoSuchEntity", "Policy " + iam.arn("policy/Nope") + " does not exist or is not attachable.",
                    "Put" + p[0] + "PermissionsBoundary", n, p[1], "PermissionsBoundary", iam.arn("policy/Nope"));
            iam.fails(400, "InvalidInput", "ARN arn:aws:s3:::bucket/key/more is not valid.",
                    "Put" + p[0] + "PermissionsBoundary", n, p[1], "PermissionsBoundary", "arn:aws:s3:::bucket/key/more");
            iam.failsWithCode(400, "ValidationError", "Put" + p[0] + "PermissionsBoundary", n, p[1]);
        }
        iam.ok("DeletePolicy", "PolicyArn", arn);
    }
}
