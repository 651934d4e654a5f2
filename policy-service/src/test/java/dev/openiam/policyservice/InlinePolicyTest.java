package dev.openiam.policyservice;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.openiam.policyservice.Iam.doc;
import static org.assertj.core.api.Assertions.assertThat;

/** Put/Get/Delete/List{User,Group,Role}Policy and their limits. */
@QuarkusTest
class InlinePolicyTest {

    @Test
    void putsGetsListsReplacesAndDeletesInlinePolicies() {
        Iam iam = Iam.freshAccount();
        IdentityStandIn.user(iam.accountId(), "alice");
        IdentityStandIn.group(iam.accountId(), "devs");
        IdentityStandIn.role(iam.accountId(), "app");
        String document = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]\n}";
        for (String[] p : List.of(new String[]{"User", "alice"}, new String[]{"Group", "devs"}, new String[]{"Role", "app"})) {
            String n = p[0] + "Name";
            long before = iam.revision();
            assertThat(iam.written("Put" + p[0] + "Policy", n, p[1], "PolicyName", "b-inline", "PolicyDocument", document))
                    .isEqualTo(before + 1);
            iam.ok("Put" + p[0] + "Policy", n, p[1], "PolicyName", "a-inline", "PolicyDocument", doc("ec2:Describe*"));
            XmlPath got = iam.ok("Get" + p[0] + "Policy", n, p[1], "PolicyName", "b-inline");
            assertThat(got.getString(n)).isEqualTo(p[1]);
            assertThat(got.getString("PolicyName")).isEqualTo("b-inline");
            assertThat(URLDecoder.decode(got.getString("PolicyDocument"), StandardCharsets.UTF_8)).isEqualTo(document);
            assertThat(iam.ok("List" + p[0] + "Policies", n, p[1]).getList("PolicyNames.member"))
                    .containsExactly("a-inline", "b-inline");
            XmlPath page = iam.ok("List" + p[0] + "Policies", n, p[1], "MaxItems", "1");
            assertThat(page.getList("PolicyNames.member")).containsExactly("a-inline");
            assertThat(page.getBoolean("IsTruncated")).isTrue();
            assertThat(iam.ok("List" + p[0] + "Policies", n, p[1], "Marker", page.getString("Marker")).getList("PolicyNames.member"))
                    .containsExactly("b-inline");

            iam.ok("Put" + p[0] + "Policy", n, p[1], "PolicyName", "b-inline", "PolicyDocument", doc("s3:GetObject"));
            assertThat(URLDecoder.decode(iam.ok("Get" + p[0] + "Policy", n, p[1], "PolicyName", "b-inline").getString("PolicyDocument"),
                    StandardCharsets.UTF_8)).isEqualTo(doc("s3:GetObject"));

            iam.ok("Delete" + p[0] + "Policy", n, p[1], "PolicyName", "b-inline");
            String kind = p[0].toLowerCase();
            iam.fails(404, "NoSuchEntity", "The " + kind + " policy with name b-inline cannot be found.",
                    "Get" + p[0] + "Policy", n, p[1], "PolicyName", "b-inline");
            iam.fails(404, "NoSuchEntity", "The " + kind + " policy with name b-inline cannot be found.",
                    "Delete" + p[0] + "Policy", n, p[1], "PolicyName", "b-inline");
            iam.fails(404, "NoSuchEntity", "The " + kind + " with name ghost cannot be found.",
                    "Put" + p[0] + "Policy", n, "ghost", "PolicyName", "x", "PolicyDocument", doc("s3:*"));
            iam.fails(404, "NoSuchEntity", "The " + kind + " with name ghost cannot be found.", "List" + p[0] + "Policies", n, "ghost");
            iam.failsWithCode(400, "MalformedPolicyDocument", "Put" + p[0] + "Policy", n, p[1], "PolicyName", "x",
                    "PolicyDocument", "{\"Statement\":[]}");
            iam.failsWithCode(400, "ValidationError", "Put" + p[0] + "Policy", n, p[1], "PolicyName", "bad name",
                    "PolicyDocument", doc("s3:*"));
            iam.failsWithCode(400, "ValidationError", "Put" + p[0] + "Policy", n, p[1], "PolicyName", "x");
        }
    }

    @Test
    void limitsEachDocumentAndTheSumOfAPrincipalsInlinePolicies() {
        Iam iam = Iam.freshAccount();
        IdentityStandIn.user(iam.accountId(), "alice");
        IdentityStandIn.group(iam.accountId(), "devs");
        IdentityStandIn.role(iam.accountId(), "app");
        // one document over the user limit: the engine's LimitExceeded
        iam.failsWithCode(409, "LimitExceeded", "PutUserPolicy", "UserName", "alice", "PolicyName", "big",
                "PolicyDocument", ManagedPolicyTest.big(2_100));
        // two that fit alone but not together: IAM's aggregate limit
        iam.ok("PutUserPolicy", "UserName", "alice", "PolicyName", "one", "PolicyDocument", ManagedPolicyTest.big(1_200));
        iam.fails(409, "LimitExceeded", "Maximum policy size of 2048 bytes exceeded for user alice",
                "PutUserPolicy", "UserName", "alice", "PolicyName", "two", "PolicyDocument", ManagedPolicyTest.big(1_000));
        // replacing a policy counts its new size, not old plus new
        iam.ok("PutUserPolicy", "UserName", "alice", "PolicyName", "one", "PolicyDocument", ManagedPolicyTest.big(1_900));
        // groups and roles have larger limits
        iam.ok("PutGroupPolicy", "GroupName", "devs", "PolicyName", "big", "PolicyDocument", ManagedPolicyTest.big(5_000));
        iam.failsWithCode(409, "LimitExceeded", "PutGroupPolicy", "GroupName", "devs", "PolicyName", "bigger",
                "PolicyDocument", ManagedPolicyTest.big(5_200));
        iam.ok("PutRolePolicy", "RoleName", "app", "PolicyName", "big", "PolicyDocument", ManagedPolicyTest.big(10_000));
        iam.failsWithCode(409, "LimitExceeded", "PutRolePolicy", "RoleName", "app", "PolicyName", "bigger",
                "PolicyDocument", ManagedPolicyTest.big(10_400));
    }
}
