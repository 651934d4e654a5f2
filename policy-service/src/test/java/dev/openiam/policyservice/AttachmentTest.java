package dev.openiam.policyservice;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.openiam.policyservice.Iam.doc;
import static org.assertj.core.api.Assertions.assertThat;

/** Attach/Detach{User,Group,Role}Policy, ListAttached…Policies, ListEntitiesForPolicy and the attachment rules. */
@QuarkusTest
class AttachmentTest {

    @Test
    void attachesListsAndDetachesForEveryKindOfPrincipal() {
        Iam iam = Iam.freshAccount();
        var alice = IdentityStandIn.user(iam.accountId(), "alice");
        var devs = IdentityStandIn.group(iam.accountId(), "devs");
        var app = IdentityStandIn.role(iam.accountId(), "app");
        String arn = iam.arn("policy/team/Shared");
        iam.ok("CreatePolicy", "PolicyName", "Shared", "Path", "/team/", "PolicyDocument", doc("s3:*"));
        String admin = "arn:aws:iam::aws:policy/AdministratorAccess";

        for (String[] p : List.of(new String[]{"User", "alice"}, new String[]{"Group", "devs"}, new String[]{"Role", "app"})) {
            long before = iam.revision();
            assertThat(iam.written("Attach" + p[0] + "Policy", p[0] + "Name", p[1], "PolicyArn", arn)).isEqualTo(before + 1);
            iam.ok("Attach" + p[0] + "Policy", p[0] + "Name", p[1], "PolicyArn", admin);
            long again = iam.revision();
            iam.ok("Attach" + p[0] + "Policy", p[0] + "Name", p[1], "PolicyArn", arn);
            assertThat(iam.revision()).as("attaching twice changes nothing").isEqualTo(again);

            XmlPath attached = iam.ok("ListAttached" + p[0] + "Policies", p[0] + "Name", p[1]);
            assertThat(attached.getList("AttachedPolicies.member.PolicyName")).containsExactly("AdministratorAccess", "Shared");
            assertThat(attached.getList("AttachedPolicies.member.PolicyArn")).containsExactly(admin, arn);
            assertThat(iam.ok("ListAttached" + p[0] + "Policies", p[0] + "Name", p[1], "PathPrefix", "/team/")
                    .getList("AttachedPolicies.member.PolicyName")).containsExactly("Shared");
            XmlPath page = iam.ok("ListAttached" + p[0] + "Policies", p[0] + "Name", p[1], "MaxItems", "1");
            assertThat(page.getBoolean("IsTruncated")).isTrue();
            assertThat(iam.ok("ListAttached" + p[0] + "Policies", p[0] + "Name", p[1], "Marker", page.getString("Marker"))
                    .getList("AttachedPolicies.member.PolicyName")).containsExactly("Shared");
        }
        XmlPath policy = iam.ok("GetPolicy", "PolicyArn", arn);
        assertThat(policy.getInt("Policy.AttachmentCount")).isEqualTo(3);
        assertThat(iam.ok("GetPolicy", "PolicyArn", admin).getInt("Policy.AttachmentCount")).isEqualTo(3);

        XmlPath entities = iam.ok("ListEntitiesForPolicy", "PolicyArn", arn);
        assertThat(entities.getList("PolicyUsers.member.UserName")).containsExactly("alice");
        assertThat(entities.getList("PolicyUsers.member.UserId")).containsExactly(alice.id());
        assertThat(entities.getList("PolicyGroups.member.GroupName")).containsExactly("devs");
        assertThat(entities.getList("PolicyGroups.member.GroupId")).containsExactly(devs.id());
        assertThat(entities.getList("PolicyRoles.member.RoleName")).containsExactly("app");
        assertThat(entities.getList("PolicyRoles.member.RoleId")).containsExactly(app.id());
        XmlPath onlyRoles = iam.ok("ListEntitiesForPolicy", "PolicyArn", arn, "EntityFilter", "Role");
        assertThat(onlyRoles.getList("PolicyRoles.member.RoleName")).containsExactly("app");
        assertThat(onlyRoles.getList("PolicyUsers.member.UserName")).isEmpty();
        assertThat(iam.ok("ListEntitiesForPolicy", "PolicyArn", arn, "PolicyUsageFilter", "PermissionsBoundary")
                .getList("PolicyUsers.member.UserName")).isEmpty();
        XmlPath firstTwo = iam.ok("ListEntitiesForPolicy", "PolicyArn", arn, "MaxItems", "2");
        assertThat(firstTwo.getBoolean("IsTruncated")).isTrue();
        XmlPath last = iam.ok("ListEntitiesForPolicy", "PolicyArn", arn, "MaxItems", "2", "Marker", firstTwo.getString("Marker"));
        assertThat(last.getBoolean("IsTruncated")).isFalse();
        iam.failsWithCode(400, "ValidationError", "ListEntitiesForPolicy", "PolicyArn", arn, "EntityFilter", "Robot");
        iam.fails(404, "NoSuchEntity", null, "ListEntitiesForPolicy", "PolicyArn", iam.arn("policy/Nope"));

        XmlPath onlyAttached = iam.ok("ListPolicies", "OnlyAttached", "true");
        assertThat(onlyAttached.getList("Policies.member.PolicyName")).containsExactly("AdministratorAccess", "Shared");

        iam.fails(409, "DeleteConflict", "Cannot delete a policy attached to entities.", "DeletePolicy", "PolicyArn", arn);
        for (String[] p : List.of(new String[]{"User", "alice"}, new String[]{"Group", "devs"}, new String[]{"Role", "app"})) {
            iam.ok("Detach" + p[0] + "Policy", p[0] + "Name", p[1], "PolicyArn", arn);
            iam.fails(404, "NoSuchEntity", "Policy " + arn + " was not found.",
                    "Detach" + p[0] + "Policy", p[0] + "Name", p[1], "PolicyArn", arn);
        }
        assertThat(iam.ok("ListEntitiesForPolicy", "PolicyArn", arn).getList("PolicyUsers.member.UserName")).isEmpty();
        iam.ok("DeletePolicy", "PolicyArn", arn);
    }

    @Test
    void refusesMissingPrincipalsAndPoliciesAndKeepsTheQuota() {
        Iam iam = Iam.freshAccount();
        IdentityStandIn.user(iam.accountId(), "bob");
        IdentityStandIn.group(iam.accountId(), "ops");
        IdentityStandIn.role(iam.accountId(), "svc");
        iam.ok("CreatePolicy", "PolicyName", "P0", "PolicyDocument", doc("s3:*"));
        String p0 = iam.arn("policy/P0");

        iam.fails(404, "NoSuchEntity", "The user with name nobody cannot be found.",
                "AttachUserPolicy", "UserName", "nobody", "PolicyArn", p0);
        iam.fails(404, "NoSuchEntity", "The group with name nobody cannot be found.",
                "AttachGroupPolicy", "GroupName", "nobody", "PolicyArn", p0);
        iam.fails(404, "NoSuchEntity", "The role with name nobody cannot be found.",
                "AttachRolePolicy", "RoleName", "nobody", "PolicyArn", p0);
        iam.fails(404, "NoSuchEntity", "The user with name nobody cannot be found.", "ListAttachedUserPolicies", "UserName", "nobody");
        iam.fails(404, "NoSuchEntity", "Policy " + iam.arn("policy/Nope") + " does not exist or is not attachable.",
                "AttachUserPolicy", "UserName", "bob", "PolicyArn", iam.arn("policy/Nope"));
        iam.fails(404, "NoSuchEntity", "Policy arn:aws:iam::aws:policy/NoSuchAwsPolicy does not exist or is not attachable.",
                "AttachRolePolicy", "RoleName", "svc", "PolicyArn", "arn:aws:iam::aws:policy/NoSuchAwsPolicy");
        iam.fails(400, "InvalidInput", "ARN not-an-arn-of-a-policy is not valid.",
                "AttachUserPolicy", "UserName", "bob", "PolicyArn", "not-an-arn-of-a-policy");
        iam.failsWithCode(400, "ValidationError", "AttachUserPolicy", "UserName", "bob");
        iam.failsWithCode(400, "ValidationError", "AttachUserPolicy", "UserName", "u".repeat(65), "PolicyArn", p0);
        iam.failsWithCode(400, "ValidationError", "AttachRolePolicy", "RoleName", "bad/name", "PolicyArn", p0);

        for (String[] p : List.of(new String[]{"User", "bob"}, new String[]{"Group", "ops"}, new String[]{"Role", "svc"})) {
            for (int i = 1; i <= 10; i++) {
                if (p[0].equals("User")) {
                    iam.ok("CreatePolicy", "PolicyName", "P" + i, "PolicyDocument", doc("s3:Get" + i));
                }
                iam.ok("Attach" + p[0] + "Policy", p[0] + "Name", p[1], "PolicyArn", iam.arn("policy/P" + i));
            }
            iam.fails(409, "LimitExceeded", "Cannot exceed quota for PoliciesPer" + p[0] + ": 10",
                    "Attach" + p[0] + "Policy", p[0] + "Name", p[1], "PolicyArn", p0);
        }
    }
}
