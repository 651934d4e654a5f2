package dev.openiam.authorization;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.model.IamException;
import dev.openiam.model.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourcesTest {

    private static final String A = "arn:aws:iam::123456789012:";
    private static final CallerRef CALLER = new CallerRef("123456789012", A + "user/ops/caller");

    private static List<Check> checks(String action, Map<String, String> params, Map<EntityRef, Entity> stored) {
        return IamAuthorizations.get().find(action).checks(QueryRequest.of(params), CALLER, stored::get);
    }

    @Test
    void anExistingEntityIsAuthorizedAsStoredWithItsPathAndCase() {
        Entity boss = new Entity(A + "user/admins/boss", "/admins/", "boss", List.of(), null);
        List<Check> checks = checks("CreateAccessKey", Map.of("UserName", "BOSS"), Map.of(EntityRef.named("user", "BOSS"), boss));
        assertThat(checks).extracting(Check::resource).containsExactly(A + "user/admins/boss");
    }

    @Test
    void aNameThatDoesNotExistIsTheArnItWouldHaveWithPathSlash() {
        assertThat(checks("GetUser", Map.of("UserName", "ghost"), Map.of())).extracting(Check::resource)
                .containsExactly(A + "user/ghost");
    }

    @Test
    void withoutUserNameAccessKeysActOnTheCaller() {
        assertThat(checks("ListAccessKeys", Map.of(), Map.of())).extracting(Check::resource).containsExactly(CALLER.arn());
        assertThat(IamAuthorizations.get().find("ListAccessKeys").lookups(QueryRequest.of(Map.of()), CALLER))
                .containsExactly(EntityRef.byArn("user", CALLER.arn()));
    }

    @Test
    void createdEntitiesHaveThePathTheyAreCreatedWith() {
        assertThat(checks("CreateUser", Map.of("UserName", "bob", "Path", "/eng/"), Map.of())).extracting(Check::resource)
                .containsExactly(A + "user/eng/bob");
    }

    @Test
    void aRenameIsAuthorizedOnTheOldAndTheNewArn() {
        Entity a = new Entity(A + "user/team/a", "/team/", "a", List.of(), null);
        Map<EntityRef, Entity> stored = Map.of(EntityRef.named("user", "a"), a);
        assertThat(checks("UpdateUser", Map.of("UserName", "a", "NewUserName", "b"), stored)).extracting(Check::resource)
                .containsExactly(A + "user/team/a", A + "user/team/b");
        assertThat(checks("UpdateUser", Map.of("UserName", "a", "NewPath", "/admins/"), stored)).extracting(Check::resource)
                .containsExactly(A + "user/team/a", A + "user/admins/a");
        assertThat(checks("UpdateUser", Map.of("UserName", "a"), stored)).hasSize(1);
    }

    @Test
    void addingARoleToAProfilePassesTheRoleToEc2() {
        Entity role = new Entity(A + "role/app/web", "/app/", "web", List.of(), null);
        List<Check> checks = checks("AddRoleToInstanceProfile", Map.of("InstanceProfileName", "p", "RoleName", "web"),
                Map.of(EntityRef.named("role", "web"), role));
        assertThat(checks).extracting(Check::action, Check::resource).containsExactly(
                org.assertj.core.groups.Tuple.tuple("iam:AddRoleToInstanceProfile", A + "instance-profile/p"),
                org.assertj.core.groups.Tuple.tuple("iam:PassRole", A + "role/app/web"));
        assertThat(checks.get(1).context()).containsEntry("iam:PassedToService", "ec2.amazonaws.com");
    }

    @Test
    void aStrayTagKeysParameterDoesNotBecomeTheTagKeysOfTagUser() {
        Map<String, Object> context = checks("TagUser", Map.of("UserName", "u", "Tags.member.1.Key", "Admin",
                "Tags.member.1.Value", "true", "TagKeys.member.1", "CostCenter"), Map.of()).get(0).context();
        assertThat(context).containsEntry("aws:TagKeys", List.of("Admin")).containsEntry("aws:RequestTag/Admin", "true");
    }

    @Test
    void resourceTagsAndTheStoredBoundaryComeFromTheEntity() {
        Entity u = new Entity(A + "user/u", "/", "u", List.of(new Tag("team", "core")), A + "policy/b");
        Map<String, Object> context = checks("AttachUserPolicy", Map.of("UserName", "u", "PolicyArn", A + "policy/x"),
                Map.of(EntityRef.named("user", "u"), u)).get(0).context();
        assertThat(context).containsEntry("aws:ResourceTag/team", "core").containsEntry("iam:ResourceTag/team", "core")
                .containsEntry("iam:PolicyARN", A + "policy/x").containsEntry("iam:PermissionsBoundary", A + "policy/b");
    }

    @Test
    void aMissingNameIsAValidationErrorBeforeAnyDecision() {
        assertThatThrownBy(() -> checks("GetGroup", Map.of(), Map.of())).isInstanceOf(IamException.class)
                .hasMessageContaining("groupName");
    }

    @Test
    void policyServiceOwnsThePolicyActions() {
        assertThat(IamAuthorizations.get().namesOwnedBy(Owner.POLICY)).contains("AttachUserPolicy", "CreatePolicy",
                "SimulatePrincipalPolicy").doesNotContain("CreateUser");
    }

    @Test
    void mfaDevicesAreAuthorizedByTheirSerialNumberAndAssigningActsOnTheUser() {
        Entity phone = new Entity(A + "mfa/team/phone", "/team/", "phone", List.of(new Tag("k", "v")), null);
        String serial = A + "mfa/team/phone";
        assertThat(checks("TagMFADevice", Map.of("SerialNumber", serial, "Tags.member.1.Key", "a", "Tags.member.1.Value", "b"),
                Map.of(EntityRef.byArn("mfa", serial), phone)))
                .extracting(Check::resource, c -> c.context().get("aws:ResourceTag/k"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(serial, "v"));
        assertThat(checks("CreateVirtualMFADevice", Map.of("VirtualMFADeviceName", "phone", "Path", "/team/"), Map.of()))
                .extracting(Check::resource).containsExactly(serial);
        assertThat(checks("EnableMFADevice", Map.of("SerialNumber", serial), Map.of())).extracting(Check::resource)
                .containsExactly(CALLER.arn());
        assertThat(checks("ListVirtualMFADevices", Map.of(), Map.of())).extracting(Check::resource).containsExactly("*");
    }

    @Test
    void anOidcProviderBeingCreatedIsItsUrlWithoutTheScheme() {
        assertThat(checks("CreateOpenIDConnectProvider", Map.of("Url", "https://idp.example.com/tenant/"), Map.of()))
                .extracting(Check::resource).containsExactly(A + "oidc-provider/idp.example.com/tenant");
    }
}
