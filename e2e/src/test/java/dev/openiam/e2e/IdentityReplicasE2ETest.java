package dev.openiam.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 14's two front doors: a second identity-service beside iam-local's, on the same database, Kafka and
 * policy-service, and a client alternating between them. Read-your-writes holds whichever replica a client reaches: a
 * change made through one (a policy put or attached, a group joined, a tag, a user, an access key) is in force on the
 * very next call, through the other — an authorized read decided with the account's latest revisions — and so is its
 * undoing; what GetUser answers (tags, permissions boundary) is current through either, though each keeps what it read. Size: {@code -Diam.replicas.rounds} (12, two of each kind of change).
 */
@ExtendWith(LocalSystem.class)
class IdentityReplicasE2ETest {

    static final int ROUNDS = Integer.getInteger("iam.replicas.rounds", 12);

    @Test
    void readYourWritesHoldsWhicheverFrontDoorAClientReaches() throws Exception {
        LocalSystem system = LocalSystem.get();
        FreshAccount account = FreshAccount.create();
        String accountId = account.accountId();
        try (ServiceReplica second = ServiceReplica.identity(system.repository().resolve("e2e/target/identity-replica/identity-service-2.log"))) {
            second.start();
            List<URI> doors = List.of(system.endpoint(), second.endpoint());
            IamClient[] roots = doors.stream().map(d -> Clients.once(d, account.accessKeyId(), account.secretAccessKey()))
                    .toArray(IamClient[]::new);
            String getUser = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:GetUser\",\"Resource\":\"*\"}]}";
            roots[0].createUser(b -> b.userName("alice"));
            AccessKey key = roots[0].createAccessKey(b -> b.userName("alice")).accessKey();
            roots[0].createGroup(b -> b.groupName("getters"));
            roots[0].putGroupPolicy(b -> b.groupName("getters").policyName("get").policyDocument(getUser));
            String managed = roots[0].createPolicy(b -> b.policyName("get").policyDocument(getUser)).policy().arn();
            roots[0].putUserPolicy(b -> b.userName("alice").policyName("tagged").policyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:GetUser\",\"Resource\":\"*\","
                    + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"b\"}}}]}"));
            IamClient[] alice = doors.stream().map(d -> Clients.once(d, key.accessKeyId(), key.secretAccessKey()))
                    .toArray(IamClient[]::new);
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    // the write goes to one front door, the read right after it to the other, and the other way next time
                    int w = round % 2;
                    int r = 1 - w;
                    String where = "round " + round + ": written through " + doors.get(w) + ", read through " + doors.get(r);
                    switch (round / 2 % 6) {
                        case 0 -> {
                            roots[w].putUserPolicy(b -> b.userName("alice").policyName("get").policyDocument(getUser));
                            allowed(alice[r], where + " (inline policy put)");
                            roots[r].deleteUserPolicy(b -> b.userName("alice").policyName("get"));
                            denied(alice[w], where + " (inline policy deleted)");
                        }
                        case 1 -> {
                            roots[w].attachUserPolicy(b -> b.userName("alice").policyArn(managed));
                            allowed(alice[r], where + " (managed policy attached)");
                            roots[r].detachUserPolicy(b -> b.userName("alice").policyArn(managed));
                            denied(alice[w], where + " (managed policy detached)");
                        }
                        case 2 -> {
                            roots[w].addUserToGroup(b -> b.userName("alice").groupName("getters"));
                            allowed(alice[r], where + " (group joined)");
                            roots[r].removeUserFromGroup(b -> b.userName("alice").groupName("getters"));
                            denied(alice[w], where + " (group left)");
                        }
                        case 3 -> {
                            // what GetUser answers, read (and kept) by both front doors before each change, is the change's
                            assertThat(roots[r].getUser(b -> b.userName("alice")).user().tags()).as(where).isEmpty();
                            roots[w].tagUser(b -> b.userName("alice").tags(Tag.builder().key("team").value("b").build()));
                            allowed(alice[r], where + " (principal tag set)");
                            assertThat(roots[r].getUser(b -> b.userName("alice")).user().tags()).as(where + " (tag shown)")
                                    .extracting(Tag::key).containsExactly("team");
                            roots[w].putUserPermissionsBoundary(b -> b.userName("alice").permissionsBoundary(managed));
                            assertThat(roots[r].getUser(b -> b.userName("alice")).user().permissionsBoundary().permissionsBoundaryArn())
                                    .as(where + " (boundary shown)").isEqualTo(managed);
                            roots[r].deleteUserPermissionsBoundary(b -> b.userName("alice"));
                            assertThat(roots[w].getUser(b -> b.userName("alice")).user().permissionsBoundary())
                                    .as(where + " (boundary removed)").isNull();
                            roots[r].untagUser(b -> b.userName("alice").tagKeys("team"));
                            denied(alice[w], where + " (principal tag removed)");
                            assertThat(roots[w].getUser(b -> b.userName("alice")).user().tags()).as(where + " (tag removed)").isEmpty();
                        }
                        case 4 -> {
                            String name = "t" + round;
                            roots[w].createUser(b -> b.userName(name));
                            assertThat(roots[r].getUser(b -> b.userName(name)).user().userName()).as(where).isEqualTo(name);
                            roots[r].deleteUser(b -> b.userName(name));
                            failsWith(() -> roots[w].getUser(b -> b.userName(name)), "NoSuchEntity", where + " (user deleted)");
                        }
                        default -> {
                            AccessKey fresh = roots[w].createAccessKey(b -> b.userName("alice")).accessKey();
                            try (IamClient one = Clients.once(doors.get(r), fresh.accessKeyId(), fresh.secretAccessKey());
                                 IamClient other = Clients.once(doors.get(w), fresh.accessKeyId(), fresh.secretAccessKey())) {
                                // authenticated as alice (who may not call GetUser now), not an unknown key
                                // both front doors have now resolved (and keep) the key
                                for (IamClient client : List.of(one, other)) {
                                    assertThatThrownBy(() -> client.getUser(b -> b.userName("alice"))).as(where + " (key created)")
                                            .isInstanceOfSatisfying(IamException.class, e -> {
                                                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                                                assertThat(e.awsErrorDetails().errorMessage()).contains(":user/alice ");
                                            });
                                }
                                roots[r].updateAccessKey(b -> b.userName("alice").accessKeyId(fresh.accessKeyId()).status(StatusType.INACTIVE));
                                failsWith(() -> other.getUser(b -> b.userName("alice")), "InvalidClientTokenId", where + " (key deactivated)");
                            }
                            roots[w].deleteAccessKey(b -> b.userName("alice").accessKeyId(fresh.accessKeyId()));
                        }
                    }
                }
            } finally {
                for (IamClient client : roots) {
                    client.close();
                }
                for (IamClient client : alice) {
                    client.close();
                }
            }
        }
    }

    static void allowed(IamClient alice, String where) {
        assertThat(alice.getUser(b -> b.userName("alice")).user().userName()).as(where).isEqualTo("alice");
    }

    static void denied(IamClient alice, String where) {
        failsWith(() -> alice.getUser(b -> b.userName("alice")), "AccessDenied", where);
    }

    static void failsWith(Runnable call, String code, String where) {
        assertThatThrownBy(call::run).as(where).isInstanceOfSatisfying(IamException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).as(where).isEqualTo(code));
    }
}
