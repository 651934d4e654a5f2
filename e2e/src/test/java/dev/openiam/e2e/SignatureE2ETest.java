package dev.openiam.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.StatusType;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every request is authenticated: AWS's codes for each way a signature can be wrong. */
@ExtendWith(LocalSystem.class)
class SignatureE2ETest {

    private static final String LIST = "Action=ListUsers&Version=2010-05-08";

    @Test
    void aCorrectlySignedRawRequestIsAccepted() {
        RawRequests.Answer answer = RawRequests.post(LocalSystem.get(), LIST);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("<ListUsersResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">");
    }

    @Test
    void aWrongSecretIsSignatureDoesNotMatch() {
        try (IamClient wrong = Clients.iam(LocalSystem.get().accessKeyId(), "0".repeat(40))) {
            assertThatThrownBy(wrong::listUsers).isInstanceOfSatisfying(IamException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
            });
        }
    }

    @Test
    void anUnknownKeyIsInvalidClientTokenId() {
        try (IamClient unknown = Clients.iam("AKIAZZZZZZZZZZZZZZZZ", "0".repeat(40))) {
            assertThatThrownBy(unknown::listUsers).isInstanceOfSatisfying(IamException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
            });
        }
    }

    @Test
    void anInactiveKeyIsRefused() {
        LocalSystem system = LocalSystem.get();
        try (IamClient root = Clients.root()) {
            String user = "inactive-" + UUID.randomUUID().toString().substring(0, 8);
            root.createUser(b -> b.userName(user));
            AccessKey key = root.createAccessKey(b -> b.userName(user)).accessKey();
            try (IamClient inactive = Clients.iam(key.accessKeyId(), key.secretAccessKey())) {
                // used once while active (the front door keeps what the key resolved to), then deactivated: refused on
                // the very next call
                assertThatThrownBy(inactive::listUsers).isInstanceOfSatisfying(IamException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
                root.updateAccessKey(b -> b.userName(user).accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
                assertThatThrownBy(inactive::listUsers).isInstanceOfSatisfying(IamException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
                root.updateAccessKey(b -> b.userName(user).accessKeyId(key.accessKeyId()).status(StatusType.ACTIVE));
                root.updateUser(b -> b.userName(user).newUserName(user + "-renamed"));
                // the kept key names its user as renamed on the next call
                assertThatThrownBy(inactive::listUsers).isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.awsErrorDetails().errorMessage()).contains(":user/" + user + "-renamed ");
                });
                root.updateAccessKey(b -> b.userName(user + "-renamed").accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
            }
            root.deleteAccessKey(b -> b.userName(user + "-renamed").accessKeyId(key.accessKeyId()));
            root.deleteUser(b -> b.userName(user + "-renamed"));
            assertThat(system.accountId()).isNotBlank();
        }
    }

    @Test
    void aTamperedBodyIsSignatureDoesNotMatch() {
        LocalSystem system = LocalSystem.get();
        var signed = RawRequests.sign(system, system.accessKeyId(), system.secretAccessKey(), LIST, Clock.systemUTC());
        RawRequests.Answer answer = RawRequests.send(signed, LIST + "&MaxItems=1");
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.code()).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void aRequestDatedTwentyMinutesAgoIsRefused() {
        LocalSystem system = LocalSystem.get();
        Clock past = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20));
        var signed = RawRequests.sign(system, system.accessKeyId(), system.secretAccessKey(), LIST, past);
        RawRequests.Answer answer = RawRequests.send(signed, LIST);
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(answer.element("Message")).startsWith("Signature expired:");
    }

    @Test
    void anIamUserWithoutPoliciesIsDeniedWithAwsMessage() {
        try (IamClient root = Clients.root()) {
            String user = "denied-" + UUID.randomUUID().toString().substring(0, 8);
            root.createUser(b -> b.userName(user));
            AccessKey key = root.createAccessKey(b -> b.userName(user)).accessKey();
            try (IamClient denied = Clients.iam(key.accessKeyId(), key.secretAccessKey())) {
                assertThatThrownBy(denied::listUsers).isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    // AWS's message, then the encoded authorization message (AuthorizationMessageE2ETest decodes it)
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("User: arn:aws:iam::" + LocalSystem.get().accountId()
                            + ":user/" + user + " is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::" + LocalSystem.get().accountId() + ":user/ because no "
                            + "identity-based policy allows the iam:ListUsers action. Encoded authorization failure message: ");
                });
            }
            root.deleteAccessKey(b -> b.userName(user).accessKeyId(key.accessKeyId()));
            root.deleteUser(b -> b.userName(user));
        }
    }
}
