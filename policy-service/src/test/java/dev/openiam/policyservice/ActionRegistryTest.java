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

/** policy-service serves exactly its part of the IAM API, and every action is authorized before it runs. */
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
            "GetContextKeysForCustomPolicy");

    @Inject
    IamActions actions;

    @Test
    void servesExactlyThePolicyActions() {
        assertThat(actions.names()).containsExactlyInAnyOrderElementsOf(ACTIONS);
    }

    /**
     * The front door decided before it forwarded (identity-service's QueryAuthorizer, through the decision API):
     * a non-root caller's forwarded action runs here as the front door let it, and fails only for what the action
     * itself finds (here: the principals and policy named do not exist), never with AccessDenied.
     */
    @TestFactory
    Stream<DynamicTest> aForwardedActionRunsAsTheFrontDoorDecided() {
        Iam root = Iam.freshAccount();
        Iam alice = root.asUser("alice");
        return ACTIONS.stream().map(action -> DynamicTest.dynamicTest(action, () -> {
            Response response = alice.call(action, "UserName", "bob", "GroupName", "devs", "RoleName", "app",
                    "PolicyName", "p", "PolicyArn", root.arn("policy/p"), "PolicyDocument",
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}",
                    "VersionId", "v1", "PermissionsBoundary", root.arn("policy/p"));
            assertThat(response.asString()).as(action).doesNotContain("<Code>AccessDenied</Code>");
        }));
    }
}
