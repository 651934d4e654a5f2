package dev.openiam.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryResponse;
import software.amazon.awssdk.services.iam.model.GetUserResponse;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A full lifecycle of every identity resource through the AWS SDK for Java v2. */
@ExtendWith(LocalSystem.class)
class IdentityLifecycleE2ETest {

    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

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
    void users() {
        String path = "/e2e-" + run + "/";
        User created = iam.createUser(b -> b.userName("alice-" + run).path(path).tags(Tag.builder().key("team").value("core").build())).user();
        assertThat(created.userId()).matches("AIDA[A-Z2-7]{16}");
        assertThat(created.arn()).isEqualTo("arn:aws:iam::" + LocalSystem.get().accountId() + ":user" + path + "alice-" + run);
        assertThat(created.createDate()).isNotNull();

        GetUserResponse got = iam.getUser(b -> b.userName("alice-" + run));
        assertThat(got.user().tags()).containsExactly(Tag.builder().key("team").value("core").build());

        iam.updateUser(b -> b.userName("alice-" + run).newUserName("alicia-" + run));
        assertThat(iam.getUser(b -> b.userName("alicia-" + run)).user().userId()).isEqualTo(created.userId());

        iam.tagUser(b -> b.userName("alicia-" + run).tags(Tag.builder().key("env").value("prod").build()));
        assertThat(iam.listUserTags(b -> b.userName("alicia-" + run)).tags()).extracting(Tag::key).containsExactlyInAnyOrder("team", "env");
        iam.untagUser(b -> b.userName("alicia-" + run).tagKeys("team"));
        assertThat(iam.listUserTags(b -> b.userName("alicia-" + run)).tags()).extracting(Tag::key).containsExactly("env");

        iam.deleteUser(b -> b.userName("alicia-" + run));
        assertThat(iam.listUsers(b -> b.pathPrefix(path)).users()).isEmpty();
    }

    @Test
    void paginationWithMarkerAndMaxItems() {
        String path = "/page-" + run + "/";
        for (int i = 0; i < 7; i++) {
            int n = i;
            iam.createUser(b -> b.userName("p" + n + "-" + run).path(path));
        }
        ListUsersResponse first = iam.listUsers(b -> b.pathPrefix(path).maxItems(3));
        assertThat(first.users()).hasSize(3);
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.marker()).isNotBlank();
        List<String> all = iam.listUsersPaginator(b -> b.pathPrefix(path).maxItems(2)).users().stream().map(User::userName).toList();
        assertThat(all).hasSize(7).doesNotHaveDuplicates().isSorted();
        all.forEach(name -> iam.deleteUser(b -> b.userName(name)));
    }

    @Test
    void groupsAndMemberships() {
        String group = "devs-" + run;
        Group created = iam.createGroup(b -> b.groupName(group)).group();
        assertThat(created.groupId()).matches("AGPA[A-Z2-7]{16}");
        iam.createUser(b -> b.userName("m-" + run));
        iam.addUserToGroup(b -> b.groupName(group).userName("m-" + run));
        assertThat(iam.getGroup(b -> b.groupName(group)).users()).extracting(User::userName).containsExactly("m-" + run);
        assertThat(iam.listGroupsForUser(b -> b.userName("m-" + run)).groups()).extracting(Group::groupName).containsExactly(group);
        assertThat(iam.listGroups().groups()).extracting(Group::groupName).contains(group);
        iam.updateGroup(b -> b.groupName(group).newGroupName(group + "-x"));
        iam.removeUserFromGroup(b -> b.groupName(group + "-x").userName("m-" + run));
        iam.deleteGroup(b -> b.groupName(group + "-x"));
        iam.deleteUser(b -> b.userName("m-" + run));
    }

    @Test
    void rolesAndInstanceProfiles() {
        String role = "app-" + run;
        Role created = iam.createRole(b -> b.roleName(role).assumeRolePolicyDocument(TRUST).description("the app")
                .maxSessionDuration(7200).tags(Tag.builder().key("a").value("b").build())).role();
        assertThat(created.roleId()).matches("AROA[A-Z2-7]{16}");
        // IAM answers policy documents URL-encoded; the Java SDK hands them over as they came
        assertThat(URLDecoder.decode(created.assumeRolePolicyDocument(), StandardCharsets.UTF_8)).isEqualTo(TRUST);
        Role got = iam.getRole(b -> b.roleName(role)).role();
        assertThat(got.maxSessionDuration()).isEqualTo(7200);
        assertThat(got.description()).isEqualTo("the app");
        assertThat(got.tags()).hasSize(1);

        iam.updateRole(b -> b.roleName(role).maxSessionDuration(3600));
        assertThat(iam.updateRoleDescription(b -> b.roleName(role).description("new")).role().description()).isEqualTo("new");
        String trust2 = TRUST.replace("ec2", "lambda");
        iam.updateAssumeRolePolicy(b -> b.roleName(role).policyDocument(trust2));
        assertThat(URLDecoder.decode(iam.getRole(b -> b.roleName(role)).role().assumeRolePolicyDocument(), StandardCharsets.UTF_8))
                .isEqualTo(trust2);
        iam.tagRole(b -> b.roleName(role).tags(Tag.builder().key("c").value("d").build()));
        iam.untagRole(b -> b.roleName(role).tagKeys("a"));
        assertThat(iam.listRoleTags(b -> b.roleName(role)).tags()).extracting(Tag::key).containsExactly("c");

        String profile = "ip-" + run;
        InstanceProfile ip = iam.createInstanceProfile(b -> b.instanceProfileName(profile)).instanceProfile();
        assertThat(ip.instanceProfileId()).matches("AIPA[A-Z2-7]{16}");
        assertThat(ip.roles()).isEmpty();
        iam.addRoleToInstanceProfile(b -> b.instanceProfileName(profile).roleName(role));
        assertThat(iam.getInstanceProfile(b -> b.instanceProfileName(profile)).instanceProfile().roles())
                .extracting(Role::roleName).containsExactly(role);
        assertThat(iam.listInstanceProfilesForRole(b -> b.roleName(role)).instanceProfiles())
                .extracting(InstanceProfile::instanceProfileName).containsExactly(profile);
        assertThat(iam.listInstanceProfiles().instanceProfiles()).extracting(InstanceProfile::instanceProfileName).contains(profile);
        assertThat(iam.listRoles().roles()).extracting(Role::roleName).contains(role);
        iam.removeRoleFromInstanceProfile(b -> b.instanceProfileName(profile).roleName(role));
        iam.deleteInstanceProfile(b -> b.instanceProfileName(profile));
        iam.deleteRole(b -> b.roleName(role));
    }

    @Test
    void accessKeysAndTheirUse() {
        String user = "k-" + run;
        iam.createUser(b -> b.userName(user));
        AccessKey key = iam.createAccessKey(b -> b.userName(user)).accessKey();
        assertThat(key.accessKeyId()).matches("AKIA[A-Z2-7]{16}");
        assertThat(key.secretAccessKey()).hasSize(40);
        assertThat(key.status()).isEqualTo(StatusType.ACTIVE);
        List<AccessKeyMetadata> listed = iam.listAccessKeys(b -> b.userName(user)).accessKeyMetadata();
        assertThat(listed).extracting(AccessKeyMetadata::accessKeyId).containsExactly(key.accessKeyId());
        iam.updateAccessKey(b -> b.userName(user).accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
        assertThat(iam.listAccessKeys(b -> b.userName(user)).accessKeyMetadata().get(0).status()).isEqualTo(StatusType.INACTIVE);
        assertThat(iam.getAccessKeyLastUsed(b -> b.accessKeyId(key.accessKeyId())).userName()).isEqualTo(user);
        iam.deleteAccessKey(b -> b.userName(user).accessKeyId(key.accessKeyId()));
        iam.deleteUser(b -> b.userName(user));
        // without UserName: the caller's own (root) keys
        assertThat(iam.listAccessKeys().accessKeyMetadata()).extracting(AccessKeyMetadata::accessKeyId)
                .contains(LocalSystem.get().accessKeyId());
    }

    @Test
    void accountAliasSummaryAndAuthorizationDetails() {
        String alias = "e2e-" + run;
        iam.createAccountAlias(b -> b.accountAlias(alias));
        assertThat(iam.listAccountAliases().accountAliases()).containsExactly(alias);
        iam.deleteAccountAlias(b -> b.accountAlias(alias));
        assertThat(iam.listAccountAliases().accountAliases()).isEmpty();

        iam.createUser(b -> b.userName("s-" + run));
        GetAccountSummaryResponse summary = iam.getAccountSummary();
        assertThat(summary.summaryMap().get(SummaryKeyType.USERS)).isGreaterThanOrEqualTo(1);
        assertThat(summary.summaryMap().get(SummaryKeyType.ACCESS_KEYS_PER_USER_QUOTA)).isEqualTo(2);
        // every page: the account holds the other suites' users too
        assertThat(iam.getAccountAuthorizationDetailsPaginator(b -> b.filterWithStrings("User")).stream()
                .flatMap(page -> page.userDetailList().stream()))
                .anyMatch(detail -> detail.userName().equals("s-" + run));
        iam.deleteUser(b -> b.userName("s-" + run));

        GetUserResponse me = iam.getUser();
        assertThat(me.user().arn()).isEqualTo("arn:aws:iam::" + LocalSystem.get().accountId() + ":root");
    }
}
