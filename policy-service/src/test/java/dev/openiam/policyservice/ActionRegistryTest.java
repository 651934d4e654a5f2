package dev.openiam.policyservice;

import dev.openiam.policyservice.query.IamActions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** policy-service serves exactly its part of the IAM API, and decides every forwarded action before it runs it. */
@QuarkusTest
class ActionRegistryTest {

    static final List<String> ACTIONS = List.of(
            "CreatePolicy", "GetPolicy", "ListPolicies", "DeletePolicy", "CreatePolicyVersion", "GetPolicyVersion",
            "ListPolicyVersions", "DeletePolicyVersion", "SetDefaultPolicyVersion", "TagPolicy", "UntagPolicy",
            "ListPolicyTags", "ListEntitiesForPolicy",
            "AttachUserPolicy", "DetachUserPolicy", "ListAttachedUserPolicies",
            "AttachGroupPolicy", "DetachGroupPolicy", "ListAttachedGroupPolicies",
            "AttachRolePolicy", "DetachRolePolicy", "ListAttachedRolePolicies",
            "PutUserPolicy", "GetUserPolicy", "DeleteUserPolicy", "ListUserPolicies",
            "PutGroupPolicy", "GetGroupPolicy", "DeleteGroupPolicy", "ListGroupPolicies",
            "PutRolePolicy", "GetRolePolicy", "DeleteRolePolicy", "ListRolePolicies",
            "PutUserPermissionsBoundary", "DeleteUserPermissionsBoundary",
            "PutRolePermissionsBoundary", "DeleteRolePermissionsBoundary",
            "SimulatePrincipalPolicy", "SimulateCustomPolicy", "GetContextKeysForPrincipalPolicy",
            "GetContextKeysForCustomPolicy",
            "GenerateServiceLastAccessedDetails", "GetServiceLastAccessedDetails", "GetServiceLastAccessedDetailsWithEntities");

    @Inject
    IamActions actions;

    @Test
    void servesExactlyThePolicyActions() {
        assertThat(actions.names()).containsExactlyInAnyOrderElementsOf(ACTIONS);
    }

    /**
     * policy-service is the decision point of the actions forwarded to it: a non-root caller without any policy is
     * denied every one of them (fail closed), before the action looks anything up (the principals and policy named do
     * not exist, which a denied caller must not learn).
     */
    @TestFactory
    Stream<DynamicTest> aForwardedActionOfACallerWithoutPolicyIsDenied() {
        Iam root = Iam.freshAccount();
        IdentityStandIn.user(root.accountId(), "alice");
        Iam alice = root.asUser("alice");
        return ACTIONS.stream().map(action -> DynamicTest.dynamicTest(action, () -> {
            Response response = call(alice, root, action);
            assertThat(response.statusCode()).as(action + ": " + response.asString()).isEqualTo(403);
            assertThat(response.asString()).as(action).contains("<Code>AccessDenied</Code>").doesNotContain("NoSuchEntity");
        }));
    }

    /** Allowed by policy, a forwarded action runs and fails only for what the action itself finds. */
    @TestFactory
    Stream<DynamicTest> aForwardedActionAllowedByPolicyRuns() {
        Iam root = Iam.freshAccount();
        IdentityStandIn.user(root.accountId(), "alice");
        root.written("PutUserPolicy", "UserName", "alice", "PolicyName", "all", "PolicyDocument", Iam.doc("iam:*"));
        Iam alice = root.asUser("alice");
        return ACTIONS.stream().map(action -> DynamicTest.dynamicTest(action, () ->
                assertThat(call(alice, root, action).asString()).as(action).doesNotContain("<Code>AccessDenied</Code>")));
    }

    private static Response call(Iam caller, Iam root, String action) {
        return caller.call(action, "UserName", "bob", "GroupName", "devs", "RoleName", "app",
                "PolicyName", "p", "PolicyArn", root.arn("policy/p"), "PolicyDocument",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}",
                "VersionId", "v1", "PermissionsBoundary", root.arn("policy/p"), "PolicySourceArn", root.arn("user/bob"),
                "ActionNames.member.1", "s3:GetObject", "PolicyInputList.member.1", Iam.doc("s3:*"),
                "Arn", root.arn("user/bob"), "JobId", "00000000-0000-0000-0000-000000000000", "ServiceNamespace", "iam");
    }
}
