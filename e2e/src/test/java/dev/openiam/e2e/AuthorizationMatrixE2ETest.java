package dev.openiam.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.IamException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The authorization matrix over the IAM actions (Polaris-style): a caller whose only policy allows
 * {@code iam:List*} and {@code iam:Get*} passes every read and fails every write with AccessDenied, whether
 * identity-service or policy-service performs the action. A pass may still meet a domain error (a name that
 * does not exist); what matters is that it was not refused.
 */
@ExtendWith(LocalSystem.class)
class AuthorizationMatrixE2ETest {

    static final String READ_ONLY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"iam:List*\",\"iam:Get*\"],\"Resource\":\"*\"}]}";
    static final String ANY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";

    static IamClient root;
    static IamClient reader;
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void setUp() {
        root = Clients.root();
        String user = "reader-" + RUN;
        root.createUser(b -> b.userName(user));
        root.putUserPolicy(b -> b.userName(user).policyName("read").policyDocument(READ_ONLY));
        AccessKey key = root.createAccessKey(b -> b.userName(user)).accessKey();
        reader = Clients.iam(key.accessKeyId(), key.secretAccessKey());
    }

    @AfterAll
    static void tearDown() {
        reader.close();
        root.close();
    }

    static Map<String, Consumer<IamClient>> reads() {
        String user = "reader-" + RUN;
        Map<String, Consumer<IamClient>> reads = new LinkedHashMap<>();
        reads.put("ListUsers", IamClient::listUsers);
        reads.put("GetUser", c -> c.getUser(b -> b.userName(user)));
        reads.put("ListGroups", IamClient::listGroups);
        reads.put("ListGroupsForUser", c -> c.listGroupsForUser(b -> b.userName(user)));
        reads.put("ListRoles", IamClient::listRoles);
        reads.put("ListInstanceProfiles", IamClient::listInstanceProfiles);
        reads.put("ListAccessKeys", c -> c.listAccessKeys(b -> b.userName(user)));
        reads.put("ListUserTags", c -> c.listUserTags(b -> b.userName(user)));
        reads.put("ListAccountAliases", IamClient::listAccountAliases);
        reads.put("GetAccountSummary", IamClient::getAccountSummary);
        reads.put("GetAccountAuthorizationDetails", IamClient::getAccountAuthorizationDetails);
        reads.put("ListPolicies", IamClient::listPolicies);
        reads.put("GetPolicy", c -> c.getPolicy(b -> b.policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess")));
        reads.put("ListUserPolicies", c -> c.listUserPolicies(b -> b.userName(user)));
        reads.put("GetUserPolicy", c -> c.getUserPolicy(b -> b.userName(user).policyName("read")));
        reads.put("ListAttachedUserPolicies", c -> c.listAttachedUserPolicies(b -> b.userName(user)));
        return reads;
    }

    static Map<String, Consumer<IamClient>> writes() {
        Map<String, Consumer<IamClient>> writes = new LinkedHashMap<>();
        writes.put("CreateUser", c -> c.createUser(b -> b.userName("w-" + RUN)));
        writes.put("DeleteUser", c -> c.deleteUser(b -> b.userName("reader-" + RUN)));
        writes.put("TagUser", c -> c.tagUser(b -> b.userName("reader-" + RUN).tags(t -> t.key("k").value("v"))));
        writes.put("CreateGroup", c -> c.createGroup(b -> b.groupName("w-" + RUN)));
        writes.put("AddUserToGroup", c -> c.addUserToGroup(b -> b.groupName("g").userName("reader-" + RUN)));
        writes.put("CreateRole", c -> c.createRole(b -> b.roleName("w-" + RUN).assumeRolePolicyDocument(
                IdentityLifecycleE2ETest.TRUST)));
        writes.put("CreateInstanceProfile", c -> c.createInstanceProfile(b -> b.instanceProfileName("w-" + RUN)));
        writes.put("CreateAccessKey", c -> c.createAccessKey(b -> b.userName("reader-" + RUN)));
        writes.put("CreateAccountAlias", c -> c.createAccountAlias(b -> b.accountAlias("w-" + RUN)));
        writes.put("CreatePolicy", c -> c.createPolicy(b -> b.policyName("w-" + RUN).policyDocument(ANY)));
        writes.put("AttachUserPolicy", c -> c.attachUserPolicy(b -> b.userName("reader-" + RUN)
                .policyArn("arn:aws:iam::aws:policy/AdministratorAccess")));
        writes.put("PutUserPolicy", c -> c.putUserPolicy(b -> b.userName("reader-" + RUN).policyName("x").policyDocument(ANY)));
        writes.put("DeleteUserPolicy", c -> c.deleteUserPolicy(b -> b.userName("reader-" + RUN).policyName("read")));
        writes.put("PutUserPermissionsBoundary", c -> c.putUserPermissionsBoundary(b -> b.userName("reader-" + RUN)
                .permissionsBoundary("arn:aws:iam::aws:policy/ReadOnlyAccess")));
        return writes;
    }

    @TestFactory
    Stream<DynamicTest> shouldPassWithAReadOnlyPolicy() {
        return reads().entrySet().stream().map(read -> DynamicTest.dynamicTest(read.getKey(), () -> shouldPass(read.getValue())));
    }

    @TestFactory
    Stream<DynamicTest> shouldFailWithAReadOnlyPolicy() {
        return writes().entrySet().stream().map(write -> DynamicTest.dynamicTest(write.getKey(), () -> shouldFail(write.getKey(),
                write.getValue())));
    }

    static void shouldPass(Consumer<IamClient> call) {
        try {
            call.accept(reader);
        } catch (IamException e) {
            assertThat(e.awsErrorDetails().errorCode()).as("refused: " + e.awsErrorDetails().errorMessage()).isNotEqualTo("AccessDenied");
        }
    }

    static void shouldFail(String action, Consumer<IamClient> call) {
        assertThatThrownBy(() -> call.accept(reader)).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(e.awsErrorDetails().errorMessage()).contains("is not authorized to perform: iam:" + action + " on resource: ")
                    .contains("because no identity-based policy allows the iam:" + action + " action");
        });
    }
}
