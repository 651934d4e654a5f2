package dev.openiam.policyservice;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.openiam.policyservice.Iam.doc;
import static org.assertj.core.api.Assertions.assertThat;

/** CreatePolicy, GetPolicy, ListPolicies (Local), DeletePolicy, versions and tags: every rule, both ways. */
@QuarkusTest
class ManagedPolicyTest {

    @Test
    void createsAPolicyWithItsFirstVersionAsDefaultAndDescribesIt() {
        Iam iam = Iam.freshAccount();
        XmlPath created = iam.ok("CreatePolicy", "PolicyName", "ReadLogs", "Path", "/team/", "PolicyDocument", doc("logs:Get*"),
                "Description", "reads logs", "Tags.member.1.Key", "team", "Tags.member.1.Value", "core");
        assertThat(created.getString("Policy.PolicyName")).isEqualTo("ReadLogs");
        assertThat(created.getString("Policy.Arn")).isEqualTo(iam.arn("policy/team/ReadLogs"));
        assertThat(created.getString("Policy.PolicyId")).matches("ANPA[A-Z2-7]{16}");
        assertThat(created.getString("Policy.Path")).isEqualTo("/team/");
        assertThat(created.getString("Policy.DefaultVersionId")).isEqualTo("v1");
        assertThat(created.getInt("Policy.AttachmentCount")).isZero();
        assertThat(created.getInt("Policy.PermissionsBoundaryUsageCount")).isZero();
        assertThat(created.getBoolean("Policy.IsAttachable")).isTrue();
        assertThat(created.getString("Policy.Description")).isEqualTo("reads logs");
        assertThat(created.getString("Policy.CreateDate")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(created.getString("Policy.Tags.member.Key")).isEqualTo("team");
        assertThat(iam.revision()).isEqualTo(1);

        XmlPath got = iam.ok("GetPolicy", "PolicyArn", iam.arn("policy/team/ReadLogs"));
        assertThat(got.getString("Policy.PolicyId")).isEqualTo(created.getString("Policy.PolicyId"));
        assertThat(got.getString("Policy.Tags.member.Value")).isEqualTo("core");

        XmlPath version = iam.ok("GetPolicyVersion", "PolicyArn", iam.arn("policy/team/ReadLogs"), "VersionId", "v1");
        assertThat(URLDecoder.decode(version.getString("PolicyVersion.Document"), StandardCharsets.UTF_8)).isEqualTo(doc("logs:Get*"));
        assertThat(version.getBoolean("PolicyVersion.IsDefaultVersion")).isTrue();
    }

    @Test
    void refusesBadInputWritingNothing() {
        Iam iam = Iam.freshAccount();
        iam.ok("CreatePolicy", "PolicyName", "Taken", "PolicyDocument", doc("s3:*"));
        iam.fails(409, "EntityAlreadyExists", "A policy called taken already exists. Duplicate names are not allowed.",
                "CreatePolicy", "PolicyName", "taken", "PolicyDocument", doc("s3:*"));
        iam.fails(400, "ValidationError", "1 validation error detected: Value null at 'policyName' failed to satisfy constraint: "
                + "Member must not be null", "CreatePolicy", "PolicyDocument", doc("s3:*"));
        iam.fails(400, "ValidationError", "1 validation error detected: Value 'bad name' at 'policyName' failed to satisfy "
                + "constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
                "CreatePolicy", "PolicyName", "bad name", "PolicyDocument", doc("s3:*"));
        iam.failsWithCode(400, "ValidationError", "CreatePolicy", "PolicyName", "x".repeat(129), "PolicyDocument", doc("s3:*"));
        iam.failsWithCode(400, "ValidationError", "CreatePolicy", "PolicyName", "p", "Path", "no-slash", "PolicyDocument", doc("s3:*"));
        iam.failsWithCode(400, "ValidationError", "CreatePolicy", "PolicyName", "p", "Path", "/a b/", "PolicyDocument", doc("s3:*"));
        iam.fails(400, "ValidationError", "1 validation error detected: Value '" + "d".repeat(128) + "…' at 'description' failed "
                + "to satisfy constraint: Member must have length less than or equal to 1000",
                "CreatePolicy", "PolicyName", "p", "Description", "d".repeat(1001), "PolicyDocument", doc("s3:*"));
        iam.failsWithCode(400, "ValidationError", "CreatePolicy", "PolicyName", "p", "PolicyDocument", "");
        String malformed = iam.failsWithCode(400, "MalformedPolicyDocument", "CreatePolicy", "PolicyName", "p",
                "PolicyDocument", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Maybe\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}");
        assertThat(malformed).contains("Maybe");
        iam.failsWithCode(400, "MalformedPolicyDocument", "CreatePolicy", "PolicyName", "p", "PolicyDocument", "not json");
        iam.failsWithCode(400, "MalformedPolicyDocument", "CreatePolicy", "PolicyName", "p", "PolicyDocument",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}");
        iam.failsWithCode(409, "LimitExceeded", "CreatePolicy", "PolicyName", "p", "PolicyDocument", big(6_200));
        iam.failsWithCode(400, "InvalidInput", "CreatePolicy", "PolicyName", "p", "PolicyDocument", doc("s3:*"),
                "Tags.member.1.Key", "aws:x", "Tags.member.1.Value", "v");
        iam.fails(400, "InvalidInput", "Duplicate tag keys found. Please note that Tag keys are case insensitive.", "CreatePolicy",
                "PolicyName", "p", "PolicyDocument", doc("s3:*"), "Tags.member.1.Key", "k", "Tags.member.1.Value", "v",
                "Tags.member.2.Key", "K", "Tags.member.2.Value", "w");
        assertThat(iam.revision()).isEqualTo(1);
        iam.ok("CreatePolicy", "PolicyName", "p", "PolicyDocument", big(6_000));
    }

    /** A valid document of about {@code size} characters without white space. */
    static String big(int size) {
        StringBuilder actions = new StringBuilder();
        int i = 0;
        while (actions.length() < size - 80) {
            actions.append(i == 0 ? "" : ",").append("\"s3:Get").append(i++).append('"');
        }
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[" + actions + "],\"Resource\":\"*\"}]}";
    }

    @Test
    void policyArnsAreCheckedAndOtherAccountsPoliciesAreInvisible() {
        Iam iam = Iam.freshAccount();
        Iam other = Iam.freshAccount();
        other.ok("CreatePolicy", "PolicyName", "Theirs", "PolicyDocument", doc("s3:*"));
        iam.fails(404, "NoSuchEntity", "Policy " + other.arn("policy/Theirs") + " was not found.",
                "GetPolicy", "PolicyArn", other.arn("policy/Theirs"));
        iam.fails(404, "NoSuchEntity", "Policy " + iam.arn("policy/Nope") + " was not found.",
                "GetPolicy", "PolicyArn", iam.arn("policy/Nope"));
        iam.fails(400, "InvalidInput", "ARN arn:aws:iam::123456789012:user/alice is not valid.",
                "GetPolicy", "PolicyArn", "arn:aws:iam::123456789012:user/alice");
        iam.failsWithCode(400, "ValidationError", "GetPolicy", "PolicyArn", "arn:short");
        iam.failsWithCode(400, "ValidationError", "GetPolicy");
        iam.fails(404, "NoSuchEntity", null, "DeletePolicy", "PolicyArn", other.arn("policy/Theirs"));
    }

    @Test
    void keepsAtMostFiveVersionsWithOneDefault() {
        Iam iam = Iam.freshAccount();
        String arn = iam.arn("policy/Versioned");
        iam.ok("CreatePolicy", "PolicyName", "Versioned", "PolicyDocument", doc("s3:GetObject"));
        XmlPath v2 = iam.ok("CreatePolicyVersion", "PolicyArn", arn, "PolicyDocument", doc("s3:PutObject"), "SetAsDefault", "true");
        assertThat(v2.getString("PolicyVersion.VersionId")).isEqualTo("v2");
        assertThat(v2.getBoolean("PolicyVersion.IsDefaultVersion")).isTrue();
        assertThat(iam.ok("GetPolicy", "PolicyArn", arn).getString("Policy.DefaultVersionId")).isEqualTo("v2");
        for (int i = 3; i <= 5; i++) {
            XmlPath v = iam.ok("CreatePolicyVersion", "PolicyArn", arn, "PolicyDocument", doc("s3:Get" + i));
            assertThat(v.getString("PolicyVersion.VersionId")).isEqualTo("v" + i);
            assertThat(v.getBoolean("PolicyVersion.IsDefaultVersion")).isFalse();
        }
        iam.fails(409, "LimitExceeded", "A managed policy can have up to 5 versions. Before you create a new version, you must "
                + "delete an existing version.", "CreatePolicyVersion", "PolicyArn", arn, "PolicyDocument", doc("s3:Get6"));
        iam.failsWithCode(400, "MalformedPolicyDocument", "CreatePolicyVersion", "PolicyArn", arn, "PolicyDocument", "{}");

        XmlPath list = iam.ok("ListPolicyVersions", "PolicyArn", arn);
        assertThat(list.getList("Versions.member.VersionId")).containsExactly("v5", "v4", "v3", "v2", "v1");
        assertThat(list.getList("Versions.member.IsDefaultVersion", Boolean.class)).containsExactly(false, false, false, true, false);
        XmlPath page = iam.ok("ListPolicyVersions", "PolicyArn", arn, "MaxItems", "2");
        assertThat(page.getList("Versions.member.VersionId")).containsExactly("v5", "v4");
        assertThat(page.getBoolean("IsTruncated")).isTrue();
        XmlPath rest = iam.ok("ListPolicyVersions", "PolicyArn", arn, "Marker", page.getString("Marker"));
        assertThat(rest.getList("Versions.member.VersionId")).containsExactly("v3", "v2", "v1");

        iam.fails(409, "DeleteConflict", "Cannot delete the default version of a policy.",
                "DeletePolicyVersion", "PolicyArn", arn, "VersionId", "v2");
        iam.fails(404, "NoSuchEntity", "Policy " + arn + " version v9 does not exist or is not attachable.",
                "DeletePolicyVersion", "PolicyArn", arn, "VersionId", "v9");
        iam.failsWithCode(400, "ValidationError", "DeletePolicyVersion", "PolicyArn", arn, "VersionId", "2");
        iam.fails(404, "NoSuchEntity", null, "SetDefaultPolicyVersion", "PolicyArn", arn, "VersionId", "v9");
        iam.fails(404, "NoSuchEntity", null, "GetPolicyVersion", "PolicyArn", arn, "VersionId", "v9");

        iam.ok("SetDefaultPolicyVersion", "PolicyArn", arn, "VersionId", "v4");
        assertThat(iam.ok("GetPolicy", "PolicyArn", arn).getString("Policy.DefaultVersionId")).isEqualTo("v4");
        iam.ok("DeletePolicyVersion", "PolicyArn", arn, "VersionId", "v2");
        XmlPath v6 = iam.ok("CreatePolicyVersion", "PolicyArn", arn, "PolicyDocument", doc("s3:Get6"));
        assertThat(v6.getString("PolicyVersion.VersionId")).as("version ids are never reused").isEqualTo("v6");

        iam.fails(409, "DeleteConflict", "This policy has more than one version. Before you delete a policy, you must delete the "
                + "policy's versions. The default version is deleted with the policy.", "DeletePolicy", "PolicyArn", arn);
        for (String v : List.of("v1", "v3", "v5", "v6")) {
            iam.ok("DeletePolicyVersion", "PolicyArn", arn, "VersionId", v);
        }
        long before = iam.revision();
        assertThat(iam.written("DeletePolicy", "PolicyArn", arn)).isEqualTo(before + 1);
        iam.fails(404, "NoSuchEntity", "Policy " + arn + " was not found.", "GetPolicy", "PolicyArn", arn);
        iam.ok("CreatePolicy", "PolicyName", "Versioned", "PolicyDocument", doc("s3:GetObject"));
    }

    @Test
    void tagsPoliciesCaseInsensitivelyUpToFifty() {
        Iam iam = Iam.freshAccount();
        String arn = iam.arn("policy/Tagged");
        iam.ok("CreatePolicy", "PolicyName", "Tagged", "PolicyDocument", doc("s3:*"));
        iam.ok("TagPolicy", "PolicyArn", arn, "Tags.member.1.Key", "team", "Tags.member.1.Value", "core",
                "Tags.member.2.Key", "env", "Tags.member.2.Value", "prod");
        iam.ok("TagPolicy", "PolicyArn", arn, "Tags.member.1.Key", "TEAM", "Tags.member.1.Value", "edge");
        XmlPath tags = iam.ok("ListPolicyTags", "PolicyArn", arn);
        assertThat(tags.getList("Tags.member.Key")).as("by key, case-insensitively").containsExactly("env", "TEAM");
        assertThat(tags.getList("Tags.member.Value")).containsExactly("prod", "edge");
        assertThat(tags.getBoolean("IsTruncated")).isFalse();
        XmlPath first = iam.ok("ListPolicyTags", "PolicyArn", arn, "MaxItems", "1");
        assertThat(first.getList("Tags.member.Key")).containsExactly("env");
        assertThat(iam.ok("ListPolicyTags", "PolicyArn", arn, "Marker", first.getString("Marker")).getList("Tags.member.Key"))
                .containsExactly("TEAM");

        iam.ok("UntagPolicy", "PolicyArn", arn, "TagKeys.member.1", "team", "TagKeys.member.2", "absent");
        assertThat(iam.ok("ListPolicyTags", "PolicyArn", arn).getList("Tags.member.Key")).containsExactly("env");

        String[] many = new String[2 + 4 * 50];
        many[0] = "PolicyArn";
        many[1] = arn;
        for (int i = 1; i <= 50; i++) {
            many[4 * i - 2] = "Tags.member." + i + ".Key";
            many[4 * i - 1] = "k" + i;
            many[4 * i] = "Tags.member." + i + ".Value";
            many[4 * i + 1] = "v";
        }
        iam.fails(409, "LimitExceeded", "Cannot exceed quota for TagsPerResource: 50", "TagPolicy", many);
        iam.failsWithCode(400, "ValidationError", "TagPolicy", "PolicyArn", arn);
        iam.failsWithCode(400, "ValidationError", "UntagPolicy", "PolicyArn", arn);
        iam.failsWithCode(400, "InvalidInput", "TagPolicy", "PolicyArn", arn, "Tags.member.1.Key", "aws:x", "Tags.member.1.Value", "v");
        iam.fails(404, "NoSuchEntity", null, "TagPolicy", "PolicyArn", iam.arn("policy/Nope"),
                "Tags.member.1.Key", "a", "Tags.member.1.Value", "b");
    }

    @Test
    void listsTheAccountsPoliciesByNameWithPathPrefixAndPages() {
        Iam iam = Iam.freshAccount();
        for (String name : List.of("charlie", "Alpha", "bravo", "delta")) {
            iam.ok("CreatePolicy", "PolicyName", name, "Path", name.equals("delta") ? "/ops/" : "/", "PolicyDocument", doc("s3:*"));
        }
        XmlPath all = iam.ok("ListPolicies", "Scope", "Local");
        assertThat(all.getList("Policies.member.PolicyName")).containsExactly("Alpha", "bravo", "charlie", "delta");
        assertThat(all.getBoolean("IsTruncated")).isFalse();
        assertThat(iam.ok("ListPolicies", "Scope", "Local", "PathPrefix", "/ops/").getList("Policies.member.PolicyName"))
                .containsExactly("delta");
        XmlPath page1 = iam.ok("ListPolicies", "Scope", "Local", "MaxItems", "3");
        assertThat(page1.getList("Policies.member.PolicyName")).containsExactly("Alpha", "bravo", "charlie");
        assertThat(page1.getBoolean("IsTruncated")).isTrue();
        XmlPath page2 = iam.ok("ListPolicies", "Scope", "Local", "MaxItems", "3", "Marker", page1.getString("Marker"));
        assertThat(page2.getList("Policies.member.PolicyName")).containsExactly("delta");
        assertThat(page2.getBoolean("IsTruncated")).isFalse();
        assertThat(iam.ok("ListPolicies", "Scope", "Local", "OnlyAttached", "true").getList("Policies.member.PolicyName")).isEmpty();
        iam.failsWithCode(400, "ValidationError", "ListPolicies", "Scope", "Mine");
        iam.failsWithCode(400, "ValidationError", "ListPolicies", "PolicyUsageFilter", "Everything");
        iam.failsWithCode(400, "ValidationError", "ListPolicies", "MaxItems", "0");
        iam.failsWithCode(400, "ValidationError", "ListPolicies", "Marker", "!!");
    }
}
