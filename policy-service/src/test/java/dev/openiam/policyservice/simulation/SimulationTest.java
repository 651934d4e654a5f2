package dev.openiam.policyservice.simulation;

import dev.openiam.policyservice.Iam;
import dev.openiam.policyservice.IdentityStandIn;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.openiam.policyservice.Iam.doc;
import static org.assertj.core.api.Assertions.assertThat;

/** SimulatePrincipalPolicy and SimulateCustomPolicy through the internal IAM endpoint. */
@QuarkusTest
class SimulationTest {

    private static final String READ_PUBLIC = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ReadAll\",\"Effect\":\"Allow\","
            + "\"Action\":\"s3:Get*\",\"Resource\":\"*\"}]}";
    private static final String DENY_SECRET = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoSecret\",\"Effect\":\"Deny\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::secret/*\"}]}";
    private static final String FROM_OFFICE = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ec2:*\","
            + "\"Resource\":\"*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}}}";

    @Test
    void principalPolicyReportsAllowedExplicitAndImplicitDenyWithMatchedStatements() {
        Iam iam = Iam.freshAccount();
        var alice = IdentityStandIn.user(iam.accountId(), "alice");
        var queues = IdentityStandIn.group(iam.accountId(), "queues");
        IdentityStandIn.join(alice, queues);
        iam.ok("PutUserPolicy", "UserName", "alice", "PolicyName", "read", "PolicyDocument", READ_PUBLIC);
        iam.ok("CreatePolicy", "PolicyName", "NoSecret", "PolicyDocument", DENY_SECRET);
        iam.ok("AttachUserPolicy", "UserName", "alice", "PolicyArn", iam.arn("policy/NoSecret"));
        iam.ok("PutGroupPolicy", "GroupName", "queues", "PolicyName", "sqs", "PolicyDocument", doc("sqs:*"));

        XmlPath r = iam.ok("SimulatePrincipalPolicy", "PolicySourceArn", iam.arn("user/alice"),
                "ActionNames.member.1", "s3:GetObject", "ActionNames.member.2", "s3:PutObject",
                "ActionNames.member.3", "sqs:SendMessage", "ResourceArns.member.1", "arn:aws:s3:::secret/k");

        assertThat(r.getList("EvaluationResults.member.EvalActionName")).containsExactly("s3:GetObject", "s3:PutObject",
                "sqs:SendMessage");
        assertThat(r.getList("EvaluationResults.member.EvalResourceName")).containsOnly("arn:aws:s3:::secret/k");
        assertThat(r.getList("EvaluationResults.member.EvalDecision")).containsExactly("explicitDeny", "implicitDeny", "allowed");
        assertThat(r.getString("EvaluationResults.member[0].MatchedStatements.member.SourcePolicyId")).isEqualTo("NoSecret");
        assertThat(r.getString("EvaluationResults.member[0].MatchedStatements.member.SourcePolicyType")).isEqualTo("user-managed");
        assertThat(r.getList("EvaluationResults.member[1].MatchedStatements.member")).isEmpty();
        assertThat(r.getString("EvaluationResults.member[2].MatchedStatements.member.SourcePolicyId")).isEqualTo("sqs");
        assertThat(r.getString("EvaluationResults.member[2].MatchedStatements.member.SourcePolicyType")).isEqualTo("group");
        assertThat(r.getString("EvaluationResults.member[0].PermissionsBoundaryDecisionDetail")).as("no boundary").isEmpty();
        assertThat(r.getBoolean("IsTruncated")).isFalse();

        XmlPath open = iam.ok("SimulatePrincipalPolicy", "PolicySourceArn", iam.arn("user/alice"),
                "ActionNames.member.1", "s3:GetObject", "ResourceArns.member.1", "arn:aws:s3:::public/k");
        assertThat(open.getString("EvaluationResults.member.EvalDecision")).isEqualTo("allowed");
        assertThat(open.getString("EvaluationResults.member.MatchedStatements.member.SourcePolicyId")).isEqualTo("read");
        assertThat(open.getString("EvaluationResults.member.MatchedStatements.member.SourcePolicyType")).isEqualTo("user");

        // an extra document of the request joins the stored ones
        XmlPath extra = iam.ok("SimulatePrincipalPolicy", "PolicySourceArn", iam.arn("user/alice"),
                "ActionNames.member.1", "s3:PutObject", "PolicyInputList.member.1", doc("s3:PutObject"));
        assertThat(extra.getString("EvaluationResults.member.EvalDecision")).isEqualTo("allowed");
        assertThat(extra.getString("EvaluationResults.member.EvalResourceName")).isEqualTo("*");
        assertThat(extra.getString("EvaluationResults.member.MatchedStatements.member.SourcePolicyId")).isEqualTo("PolicyInputList.1");

        XmlPath group = iam.ok("SimulatePrincipalPolicy", "PolicySourceArn", iam.arn("group/queues"),
                "ActionNames.member.1", "sqs:SendMessage", "ActionNames.member.2", "s3:GetObject");
        assertThat(group.getList("EvaluationResults.member.EvalDecision")).containsExactly("allowed", "implicitDeny");
    }

    @Test
    void matchedStatementsCarryTheirPositionsInTheDocument() {
        Iam iam = Iam.freshAccount();
        // AWS's documented example: the statement object spans columns 37..166; AWS reports 38 and 167
        String document = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2018-08-16T12:00:00Z\"}}}}";
        XmlPath r = iam.ok("SimulateCustomPolicy", "PolicyInputList.member.1", document, "ActionNames.member.1", "dynamodb:CreateBackup",
                "ContextEntries.member.1.ContextKeyName", "aws:CurrentTime",
                "ContextEntries.member.1.ContextKeyValues.member.1", "2019-04-25T11:00:00Z",
                "ContextEntries.member.1.ContextKeyType", "date");
        assertThat(r.getString("EvaluationResults.member.EvalDecision")).isEqualTo("allowed");
        String statement = "EvaluationResults.member.MatchedStatements.member.";
        assertThat(r.getString(statement + "SourcePolicyId")).isEqualTo("PolicyInputList.1");
        assertThat(r.getString(statement + "SourcePolicyType")).as("a document of the request has no stored type").isEmpty();
        assertThat(r.getInt(statement + "StartPosition.Line")).isEqualTo(1);
        assertThat(r.getInt(statement + "StartPosition.Column")).isEqualTo(38);
        assertThat(r.getInt(statement + "EndPosition.Line")).isEqualTo(1);
        assertThat(r.getInt(statement + "EndPosition.Column")).isEqualTo(167);
        assertThat(r.getList("EvaluationResults.member.MissingContextValues.member")).isEmpty();

        String lines = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Deny\", \"Action\": \"s3:*\", "
                + "\"Resource\": \"*\"},\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}";
        XmlPath second = iam.ok("SimulateCustomPolicy", "PolicyInputList.member.1", lines, "ActionNames.member.1", "sqs:SendMessage");
        assertThat(second.getInt(statement + "StartPosition.Line")).isEqualTo(5);
        assertThat(second.getInt(statement + "StartPosition.Column")).isEqualTo(6);
        assertThat(second.getInt(statement + "EndPosition.Line")).isEqualTo(9);
        assertThat(second.getInt(statement + "EndPosition.Column")).isEqualTo(6);
    }

    @Test
    void missingContextValuesNameTheKeysTheRequestDidNotSupply() {
        Iam iam = Iam.freshAccount();
        XmlPath without = iam.ok("SimulateCustomPolicy", "PolicyInputList.member.1", FROM_OFFICE,
                "PolicyInputList.member.2", "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"s3:*\","
                        + "\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"false\"}}}}",
                "ActionNames.member.1", "ec2:RunInstances");
        assertThat(without.getString("EvaluationResults.member.EvalDecision")).isEqualTo("implicitDeny");
        assertThat(without.getList("EvaluationResults.member.MissingContextValues.member"))
                .as("only statements that cover the action count").containsExactly("aws:SourceIp");

        XmlPath inside = iam.ok("SimulateCustomPolicy", "PolicyInputList.member.1", FROM_OFFICE, "ActionNames.member.1", "ec2:RunInstances",
                "ContextEntries.member.1.ContextKeyName", "aws:SourceIp",
                "ContextEntries.member.1.ContextKeyValues.member.1", "10.1.2.3", "ContextEntries.member.1.ContextKeyType", "ip");
        assertThat(inside.getString("EvaluationResults.member.EvalDecision")).isEqualTo("allowed");
        assertThat(inside.getList("EvaluationResults.member.MissingContextValues.member")).isEmpty();

        XmlPath outside = iam.ok("SimulateCustomPolicy", "PolicyInputList.member.1", FROM_OFFICE, "ActionNames.member.1", "ec2:RunInstances",
                "ContextEntries.member.1.ContextKeyName", "aws:SourceIp",
                "ContextEntries.member.1.ContextKeyValues.member.1", "192.0.2.1", "ContextEntries.member.1.ContextKeyType", "ip");
        assertThat(outside.getString("EvaluationResults.member.EvalDecision")).isEqualTo("implicitDeny");
    }

    @Test
    void aPermissionsBoundaryNarrowsAndSaysSo() {
        Iam iam = Iam.freshAccount();
        IdentityStandIn.role(iam.accountId(), "app");
        iam.ok("PutRolePolicy", "RoleName", "app", "PolicyName", "all", "PolicyDocument", doc("*"));
        iam.ok("CreatePolicy", "PolicyName", "S3Only", "PolicyDocument", doc("s3:*"));
        iam.ok("PutRolePermissionsBoundary", "RoleName", "app", "PermissionsBoundary", iam.arn("policy/S3Only"));

        XmlPath r = iam.ok("SimulatePrincipalPolicy", "PolicySourceArn", iam.arn("role/app"),
                "ActionNames.member.1", "s3:GetObject", "ActionNames.member.2", "iam:CreateUser");
        assertThat(r.getList("EvaluationResults.member.EvalDecision")).containsExactly("allowed", "implicitDeny");
        assertThat(r.getList("EvaluationResults.member.PermissionsBoundaryDecisionDetail.AllowedByPermissionsBoundary"))
                .containsExactly("true", "false");
        assertThat(r.getList("EvaluationResults.member[0].MatchedStatements.member.SourcePolicyId")).contains("all");

        // a boundary of the request replaces the stored one
        XmlPath replaced = iam.ok("SimulatePrincipalPolicy", "PolicySourceArn", iam.arn("role/app"),
                "ActionNames.member.1", "s3:GetObject", "ActionNames.member.2", "iam:CreateUser",
                "PermissionsBoundaryPolicyInputList.member.1", doc("iam:*"));
        assertThat(replaced.getList("EvaluationResults.member.EvalDecision")).containsExactly("implicitDeny", "allowed");

        XmlPath custom = iam.ok("SimulateCustomPolicy", "PolicyInputList.member.1", doc("*"), "ActionNames.member.1", "sqs:SendMessage",
                "PermissionsBoundaryPolicyInputList.member.1", doc("s3:*"));
        assertThat(custom.getString("EvaluationResults.member.EvalDecision")).isEqualTo("implicitDeny");
        assertThat(custom.getString("EvaluationResults.member.PermissionsBoundaryDecisionDetail.AllowedByPermissionsBoundary"))
                .isEqualTo("false");
    }

    @Test
    void severalResourcesAndAResourcePolicy() {
        Iam iam = Iam.freshAccount();
        String bucketPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + iam.arn("user/bob") + "\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::shared/*\"}}";
        XmlPath r = iam.ok("SimulateCustomPolicy", "PolicyInputList.member.1", doc("sqs:*"), "ActionNames.member.1", "s3:GetObject",
                "ResourceArns.member.1", "arn:aws:s3:::shared/a", "ResourceArns.member.2", "arn:aws:s3:::private/a",
                "ResourcePolicy", bucketPolicy, "CallerArn", iam.arn("user/bob"));
        assertThat(r.getList("EvaluationResults.member.EvalResourceName")).containsExactly("arn:aws:s3:::shared/a",
                "arn:aws:s3:::private/a");
        assertThat(r.getList("EvaluationResults.member.EvalDecision")).containsExactly("allowed", "implicitDeny");
        assertThat(r.getString("EvaluationResults.member[0].MatchedStatements.member.SourcePolicyId")).isEqualTo("ResourcePolicy");
        assertThat(r.getString("EvaluationResults.member[0].MatchedStatements.member.SourcePolicyType")).isEqualTo("resource");
        assertThat(r.getString("EvaluationResults.member[0].ResourceSpecificResults.member.EvalResourceName"))
                .isEqualTo("arn:aws:s3:::shared/a");
        assertThat(r.getString("EvaluationResults.member[1].ResourceSpecificResults.member.EvalResourceDecision"))
                .isEqualTo("implicitDeny");

        iam.fails(400, "InvalidInput", "CallerArn is required with a ResourcePolicy.", "SimulateCustomPolicy",
                "PolicyInputList.member.1", doc("sqs:*"), "ActionNames.member.1", "s3:GetObject", "ResourcePolicy", bucketPolicy);
    }

    @Test
    void awsManagedPoliciesAndAnotherAccountsResource() {
        Iam iam = Iam.freshAccount();
        IdentityStandIn.user(iam.accountId(), "carol");
        iam.ok("AttachUserPolicy", "UserName", "carol", "PolicyArn", "arn:aws:iam::aws:policy/IAMReadOnlyAccess");
        XmlPath managed = iam.ok("SimulatePrincipalPolicy", "PolicySourceArn", iam.arn("user/carol"), "ActionNames.member.1", "iam:ListUsers");
        assertThat(managed.getString("EvaluationResults.member.EvalDecision")).isEqualTo("allowed");
        assertThat(managed.getString("EvaluationResults.member.MatchedStatements.member.SourcePolicyId")).isEqualTo("IAMReadOnlyAccess");
        assertThat(managed.getString("EvaluationResults.member.MatchedStatements.member.SourcePolicyType")).isEqualTo("aws-managed");

        // a resource policy naming the caller grants alone in the same account, not across accounts
        String bucketPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + iam.arn("user/carol") + "\"},\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}";
        String[] common = {"PolicySourceArn", iam.arn("user/carol"), "ActionNames.member.1", "s3:GetObject",
                "ResourceArns.member.1", "arn:aws:s3:::b/k", "ResourcePolicy", bucketPolicy};
        assertThat(iam.ok("SimulatePrincipalPolicy", common).getString("EvaluationResults.member.EvalDecision")).isEqualTo("allowed");
        List<String> other = new ArrayList<>(List.of(common));
        other.addAll(List.of("ResourceOwner", "arn:aws:iam::999999999999:root"));
        assertThat(iam.ok("SimulatePrincipalPolicy", other.toArray(String[]::new)).getString("EvaluationResults.member.EvalDecision"))
                .isEqualTo("implicitDeny");
        iam.fails(400, "InvalidInput", "ARN 999999999999 is not valid.", "SimulatePrincipalPolicy",
                "PolicySourceArn", iam.arn("user/carol"), "ActionNames.member.1", "s3:GetObject", "ResourceOwner", "999999999999");
    }

    @Test
    void resultsArePaged() {
        Iam iam = Iam.freshAccount();
        List<String> params = new ArrayList<>(List.of("PolicyInputList.member.1", doc("s3:*"), "MaxItems", "2"));
        for (int i = 1; i <= 5; i++) {
            params.addAll(List.of("ActionNames.member." + i, "s3:Action" + i));
        }
        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            List<String> call = new ArrayList<>(params);
            if (marker != null) {
                call.addAll(List.of("Marker", marker));
            }
            XmlPath page = iam.ok("SimulateCustomPolicy", call.toArray(String[]::new));
            seen.addAll(page.getList("EvaluationResults.member.EvalActionName"));
            marker = page.getBoolean("IsTruncated") ? page.getString("Marker") : null;
            pages++;
        } while (marker != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("s3:Action1", "s3:Action2", "s3:Action3", "s3:Action4", "s3:Action5");
        iam.failsWithCode(400, "ValidationError", "SimulateCustomPolicy", "PolicyInputList.member.1", doc("s3:*"),
                "ActionNames.member.1", "s3:GetObject", "MaxItems", "0");
    }

    @Test
    void errorsCarryAwsCodes() {
        Iam iam = Iam.freshAccount();
        IdentityStandIn.user(iam.accountId(), "alice");
        iam.fails(404, "NoSuchEntity", "The user with name ghost cannot be found.", "SimulatePrincipalPolicy",
                "PolicySourceArn", iam.arn("user/ghost"), "ActionNames.member.1", "s3:GetObject");
        iam.fails(404, "NoSuchEntity", "The role with name ghost cannot be found.", "GetContextKeysForPrincipalPolicy",
                "PolicySourceArn", iam.arn("role/ghost"));
        iam.fails(400, "InvalidInput", "ARN nonsense is not valid.", "SimulatePrincipalPolicy",
                "PolicySourceArn", "nonsense", "ActionNames.member.1", "s3:GetObject");
        String malformed = iam.failsWithCode(400, "InvalidInput", "SimulateCustomPolicy",
                "PolicyInputList.member.1", "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Maybe\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}",
                "ActionNames.member.1", "s3:GetObject");
        assertThat(malformed).startsWith("PolicyInputList.1: ");
        iam.failsWithCode(400, "InvalidInput", "GetContextKeysForCustomPolicy", "PolicyInputList.member.1", "not json");
        iam.fails(400, "ValidationError", "1 validation error detected: Value null at 'actionNames' failed to satisfy constraint: "
                + "Member must not be null", "SimulateCustomPolicy", "PolicyInputList.member.1", doc("s3:*"));
        iam.fails(400, "ValidationError", "1 validation error detected: Value null at 'policyInputList' failed to satisfy constraint: "
                + "Member must not be null", "SimulateCustomPolicy", "ActionNames.member.1", "s3:GetObject");
        iam.failsWithCode(400, "ValidationError", "SimulatePrincipalPolicy", "ActionNames.member.1", "s3:GetObject");
        iam.failsWithCode(400, "ValidationError", "SimulateCustomPolicy", "PolicyInputList.member.1", doc("s3:*"),
                "ActionNames.member.1", "s3:GetObject", "ContextEntries.member.1.ContextKeyName", "aws:SourceIp",
                "ContextEntries.member.1.ContextKeyValues.member.1", "10.0.0.1", "ContextEntries.member.1.ContextKeyType", "address");
        iam.failsWithCode(400, "InvalidInput", "SimulateCustomPolicy", "PolicyInputList.member.1", doc("s3:*"),
                "ActionNames.member.1", "s3:GetObject", "CallerArn", iam.arn("role/app"));
        iam.failsWithCode(400, "InvalidInput", "SimulateCustomPolicy", "PolicyInputList.member.1", doc("s3:*"),
                "ActionNames.member.1", "s3:GetObject", "PermissionsBoundaryPolicyInputList.member.1", doc("s3:*"),
                "PermissionsBoundaryPolicyInputList.member.2", doc("s3:*"));
    }
}
