package dev.openiam.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.IamException;

import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every IAM call of a non-root caller is decided by policy-service, read-your-writes: a change is in force
 * on the very next call, with no sleep and no retry (Polaris-style shouldPass / shouldFail).
 */
@ExtendWith(LocalSystem.class)
class PolicyEnforcementE2ETest {

    static final String LIST_ONLY = policy("Allow", "iam:List*", "*");

    static IamClient root;
    final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void client() {
        root = Clients.root();
    }

    @AfterAll
    static void close() {
        root.close();
    }

    static String policy(String effect, String action, String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"Action\":\"" + action
                + "\",\"Resource\":\"" + resource + "\"}]}";
    }

    private IamClient newUser(String name) {
        root.createUser(b -> b.userName(name));
        AccessKey key = root.createAccessKey(b -> b.userName(name)).accessKey();
        return Clients.iam(key.accessKeyId(), key.secretAccessKey());
    }

    static void shouldPass(IamClient client, Consumer<IamClient> call) {
        call.accept(client);
    }

    static void shouldFail(IamClient client, Consumer<IamClient> call) {
        assertThatThrownBy(() -> call.accept(client)).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        });
    }

    @Test
    void aListOnlyPolicyListsAndCannotCreateAndADetachIsInForceOnTheNextCall() {
        String name = "lister-" + run;
        try (IamClient user = newUser(name)) {
            shouldFail(user, IamClient::listUsers);
            String arn = root.createPolicy(b -> b.policyName("ListOnly-" + run).policyDocument(LIST_ONLY)).policy().arn();
            root.attachUserPolicy(b -> b.userName(name).policyArn(arn));
            shouldPass(user, IamClient::listUsers);
            shouldPass(user, IamClient::listRoles);
            shouldFail(user, c -> c.createUser(b -> b.userName("nope-" + run)));
            // policy-service's actions are decided at the front door too, before they are forwarded
            shouldPass(user, IamClient::listPolicies);
            shouldFail(user, c -> c.createPolicy(b -> b.policyName("nope-" + run).policyDocument(LIST_ONLY)));
            root.detachUserPolicy(b -> b.userName(name).policyArn(arn));
            shouldFail(user, IamClient::listUsers);
        }
    }

    @Test
    void groupPoliciesApplyAndStopApplyingWhenTheUserLeaves() {
        String name = "member-" + run;
        String group = "readers-" + run;
        try (IamClient user = newUser(name)) {
            root.createGroup(b -> b.groupName(group));
            root.putGroupPolicy(b -> b.groupName(group).policyName("read").policyDocument(policy("Allow", "iam:GetUser", "*")));
            shouldFail(user, c -> c.getUser(b -> b.userName(name)));
            root.addUserToGroup(b -> b.groupName(group).userName(name));
            shouldPass(user, c -> c.getUser(b -> b.userName(name)));
            root.removeUserFromGroup(b -> b.groupName(group).userName(name));
            shouldFail(user, c -> c.getUser(b -> b.userName(name)));
        }
    }

    @Test
    void aBoundaryNarrowsAndAnExplicitDenyWins() {
        String name = "bounded-" + run;
        try (IamClient user = newUser(name)) {
            root.putUserPolicy(b -> b.userName(name).policyName("all").policyDocument(policy("Allow", "iam:*", "*")));
            shouldPass(user, IamClient::listUsers);
            String boundary = root.createPolicy(b -> b.policyName("OnlyGetUser-" + run)
                    .policyDocument(policy("Allow", "iam:GetUser", "*"))).policy().arn();
            root.putUserPermissionsBoundary(b -> b.userName(name).permissionsBoundary(boundary));
            shouldFail(user, IamClient::listUsers);
            shouldPass(user, c -> c.getUser(b -> b.userName(name)));
            root.putUserPolicy(b -> b.userName(name).policyName("deny").policyDocument(policy("Deny", "iam:GetUser", "*")));
            shouldFail(user, c -> c.getUser(b -> b.userName(name)));
            assertThatThrownBy(() -> user.getUser(b -> b.userName(name))).isInstanceOfSatisfying(IamException.class,
                    e -> assertThat(e.awsErrorDetails().errorMessage()).contains("with an explicit deny"));
        }
    }
}
