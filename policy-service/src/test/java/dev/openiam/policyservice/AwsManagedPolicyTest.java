package dev.openiam.policyservice;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.openiam.policyservice.Iam.doc;
import static org.assertj.core.api.Assertions.assertThat;

/** The AWS-managed policies every account sees: listed, readable, attachable, never modifiable. */
@QuarkusTest
class AwsManagedPolicyTest {

    private static final List<String> REQUIRED = List.of("AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess",
            "IAMFullAccess", "IAMReadOnlyAccess", "IAMUserChangePassword");

    @Test
    void everyAccountListsAndReadsTheAwsManagedPolicies() {
        Iam iam = Iam.freshAccount();
        iam.ok("CreatePolicy", "PolicyName", "Mine", "PolicyDocument", doc("s3:*"));
        XmlPath aws = iam.ok("ListPolicies", "Scope", "AWS", "MaxItems", "1000");
        assertThat(aws.getList("Policies.member.PolicyName")).containsAll(REQUIRED).doesNotContain("Mine");
        assertThat(aws.getList("Policies.member.Arn", String.class)).allMatch(arn -> arn.startsWith("arn:aws:iam::aws:policy/"));
        XmlPath all = iam.ok("ListPolicies", "MaxItems", "1000");
        assertThat(all.getList("Policies.member.PolicyName")).containsAll(REQUIRED).contains("Mine");
        assertThat(iam.ok("ListPolicies", "Scope", "AWS", "PathPrefix", "/job-function/").getList("Policies.member.PolicyName"))
                .containsExactly("ViewOnlyAccess");

        XmlPath readOnly = iam.ok("GetPolicy", "PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess");
        assertThat(readOnly.getString("Policy.PolicyName")).isEqualTo("ReadOnlyAccess");
        assertThat(readOnly.getString("Policy.PolicyId")).matches("ANPA[A-Z2-7]{16}");
        String version = readOnly.getString("Policy.DefaultVersionId");
        XmlPath document = iam.ok("GetPolicyVersion", "PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess", "VersionId", version);
        String json = URLDecoder.decode(document.getString("PolicyVersion.Document"), StandardCharsets.UTF_8);
        assertThat(json).contains("\"Effect\": \"Allow\"");
        assertThat(json.replaceAll("\\s", "").length()).as("AWS-managed policies are not held to 6,144").isGreaterThan(6_144);
        assertThat(iam.ok("ListPolicyVersions", "PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess")
                .getList("Versions.member.VersionId")).containsExactly(version);
        assertThat(iam.ok("ListPolicyTags", "PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess").getList("Tags.member")).isEmpty();
    }

    @Test
    void awsManagedPoliciesCannotBeChangedOrDeleted() {
        Iam iam = Iam.freshAccount();
        String arn = "arn:aws:iam::aws:policy/IAMReadOnlyAccess";
        String denied = "User: " + iam.callerArn() + " is not authorized to perform: iam:%s on resource: policy " + arn
                + " because AWS managed policies cannot be modified";
        iam.fails(403, "AccessDenied", denied.formatted("DeletePolicy"), "DeletePolicy", "PolicyArn", arn);
        iam.fails(403, "AccessDenied", denied.formatted("CreatePolicyVersion"), "CreatePolicyVersion", "PolicyArn", arn,
                "PolicyDocument", doc("s3:*"));
        iam.fails(403, "AccessDenied", denied.formatted("DeletePolicyVersion"), "DeletePolicyVersion", "PolicyArn", arn,
                "VersionId", "v1");
        iam.fails(403, "AccessDenied", denied.formatted("SetDefaultPolicyVersion"), "SetDefaultPolicyVersion", "PolicyArn", arn,
                "VersionId", "v1");
        iam.fails(403, "AccessDenied", denied.formatted("TagPolicy"), "TagPolicy", "PolicyArn", arn,
                "Tags.member.1.Key", "a", "Tags.member.1.Value", "b");
        iam.fails(403, "AccessDenied", denied.formatted("UntagPolicy"), "UntagPolicy", "PolicyArn", arn, "TagKeys.member.1", "a");
        iam.fails(404, "NoSuchEntity", "Policy arn:aws:iam::aws:policy/NotAThing was not found.",
                "GetPolicy", "PolicyArn", "arn:aws:iam::aws:policy/NotAThing");
    }
}
