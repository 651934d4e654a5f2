package dev.openiam.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Tag;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every error code of the identity actions, as the SDK surfaces it (typed exception, code, status, message). */
@ExtendWith(LocalSystem.class)
class ErrorCodesE2ETest {

    static IamClient iam;
    final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void client() {
        iam = Clients.root();
    }

    @AfterAll
    static void close() {
        iam.close();
    }

    @Test
    void entityAlreadyExists() {
        iam.createUser(b -> b.userName("dup-" + run));
        assertThatThrownBy(() -> iam.createUser(b -> b.userName("DUP-" + run)))
                .isInstanceOfSatisfying(EntityAlreadyExistsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EntityAlreadyExists");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User with name DUP-" + run + " already exists.");
                });
        iam.deleteUser(b -> b.userName("dup-" + run));
    }

    @Test
    void noSuchEntity() {
        assertThatThrownBy(() -> iam.getUser(b -> b.userName("ghost-" + run)))
                .isInstanceOfSatisfying(NoSuchEntityException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The user with name ghost-" + run + " cannot be found.");
                });
        assertThatThrownBy(() -> iam.getRole(b -> b.roleName("ghost-" + run))).isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> iam.getGroup(b -> b.groupName("ghost-" + run))).isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> iam.getInstanceProfile(b -> b.instanceProfileName("ghost-" + run))).isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> iam.deleteAccessKey(b -> b.accessKeyId("AKIAZZZZZZZZZZZZZZZZ"))).isInstanceOf(NoSuchEntityException.class);
    }

    @Test
    void validationError() {
        assertThatThrownBy(() -> iam.createUser(b -> b.userName("bad name")))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("userName").contains("[\\w+=,.@-]+");
                });
        assertThatThrownBy(() -> iam.createUser(b -> b.userName("p-" + run).path("nopath")))
                .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> iam.createRole(b -> b.roleName("r-" + run).assumeRolePolicyDocument(IdentityLifecycleE2ETest.TRUST)
                .maxSessionDuration(60)))
                .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> iam.listUsers(b -> b.maxItems(0)))
                .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    }

    @Test
    void limitExceeded() {
        String user = "lim-" + run;
        iam.createUser(b -> b.userName(user));
        String k1 = iam.createAccessKey(b -> b.userName(user)).accessKey().accessKeyId();
        String k2 = iam.createAccessKey(b -> b.userName(user)).accessKey().accessKeyId();
        assertThatThrownBy(() -> iam.createAccessKey(b -> b.userName(user)))
                .isInstanceOfSatisfying(LimitExceededException.class, e ->
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cannot exceed quota for AccessKeysPerUser: 2"));
        iam.deleteAccessKey(b -> b.userName(user).accessKeyId(k1));
        iam.deleteAccessKey(b -> b.userName(user).accessKeyId(k2));
        iam.deleteUser(b -> b.userName(user));
    }

    @Test
    void deleteConflict() {
        String group = "conf-" + run;
        iam.createGroup(b -> b.groupName(group));
        iam.createUser(b -> b.userName(group));
        iam.addUserToGroup(b -> b.groupName(group).userName(group));
        assertThatThrownBy(() -> iam.deleteGroup(b -> b.groupName(group))).isInstanceOf(DeleteConflictException.class);
        assertThatThrownBy(() -> iam.deleteUser(b -> b.userName(group))).isInstanceOf(DeleteConflictException.class);
        iam.removeUserFromGroup(b -> b.groupName(group).userName(group));
        iam.deleteGroup(b -> b.groupName(group));
        iam.deleteUser(b -> b.userName(group));
    }

    @Test
    void malformedPolicyDocumentAndInvalidInput() {
        assertThatThrownBy(() -> iam.createRole(b -> b.roleName("m-" + run).assumeRolePolicyDocument("{not json")))
                .isInstanceOfSatisfying(MalformedPolicyDocumentException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> iam.createUser(b -> b.userName("t-" + run).tags(
                Tag.builder().key("k").value("1").build(), Tag.builder().key("K").value("2").build())))
                .isInstanceOf(InvalidInputException.class);
        assertThat(iam.listUsers(b -> b.pathPrefix("/")).users()).noneMatch(user -> user.userName().equals("t-" + run));
    }

    @Test
    void unknownActionAndMissingParameter() {
        assertThat(RawRequests.post(LocalSystem.get(), "Action=NoSuchAction&Version=2010-05-08").code()).isEqualTo("InvalidAction");
        // IAM answers a missing required parameter as a ValidationError naming the member
        RawRequests.Answer missing = RawRequests.post(LocalSystem.get(), "Action=CreateUser&Version=2010-05-08");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("ValidationError");
        assertThat(missing.element("Message")).isEqualTo(
                "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null");
        assertThat(missing.element("Type")).isEqualTo("Sender");
        assertThat(RawRequests.post(LocalSystem.get(), "Version=2010-05-08").code()).isEqualTo("MissingAction");
    }
}
