package dev.openiam.e2e;

import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamResponse;
import software.amazon.awssdk.services.iam.model.StatusType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * One cheap call of every IAM action the front doors serve, made with the AWS SDK for Java v2, keyed by the action's
 * name: a valid create, or a name or ARN of {@code run} that does not exist (NoSuchEntity, a record like any other).
 * Names carry {@code run}, so that tables of concurrent runs do not meet.
 */
final class IamCallTable {

    private IamCallTable() {
    }

    static Map<String, Function<IamClient, IamResponse>> calls(String account, String run) {
        String none = "none-" + run;
        String doc = StsE2ETest.allow("\"s3:GetObject\"");
        String policyArn = "arn:aws:iam::" + account + ":policy/" + none;
        String userArn = "arn:aws:iam::" + account + ":user/" + none;
        String mfaArn = "arn:aws:iam::" + account + ":mfa/" + none;
        String oidcArn = "arn:aws:iam::" + account + ":oidc-provider/" + none + ".example.com";
        String thumbprint = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";
        String keyId = "AKIA" + run.toUpperCase().replaceAll("[^A-Z0-9]", "") + "NOKEY";
        String job = UUID.randomUUID().toString();
        Map<String, Function<IamClient, IamResponse>> calls = new LinkedHashMap<>();

        // users
        calls.put("CreateUser", c -> c.createUser(b -> b.userName("u-" + run)));
        calls.put("GetUser", c -> c.getUser(b -> b.userName(none)));
        calls.put("ListUsers", c -> c.listUsers(b -> { }));
        calls.put("UpdateUser", c -> c.updateUser(b -> b.userName(none).newUserName(none + "-2")));
        calls.put("DeleteUser", c -> c.deleteUser(b -> b.userName(none)));
        calls.put("TagUser", c -> c.tagUser(b -> b.userName(none).tags(t -> t.key("k").value("v"))));
        calls.put("UntagUser", c -> c.untagUser(b -> b.userName(none).tagKeys("k")));
        calls.put("ListUserTags", c -> c.listUserTags(b -> b.userName(none)));
        calls.put("ListGroupsForUser", c -> c.listGroupsForUser(b -> b.userName(none)));
        // groups
        calls.put("CreateGroup", c -> c.createGroup(b -> b.groupName("g-" + run)));
        calls.put("ListGroups", c -> c.listGroups(b -> { }));
        calls.put("UpdateGroup", c -> c.updateGroup(b -> b.groupName(none).newGroupName(none + "-2")));
        calls.put("GetGroup", c -> c.getGroup(b -> b.groupName(none)));
        calls.put("DeleteGroup", c -> c.deleteGroup(b -> b.groupName(none)));
        calls.put("AddUserToGroup", c -> c.addUserToGroup(b -> b.groupName(none).userName(none)));
        calls.put("RemoveUserFromGroup", c -> c.removeUserFromGroup(b -> b.groupName(none).userName(none)));
        // roles
        calls.put("CreateRole", c -> c.createRole(b -> b.roleName("r-" + run).assumeRolePolicyDocument(IdentityLifecycleE2ETest.TRUST)));
        calls.put("ListRoles", c -> c.listRoles(b -> { }));
        calls.put("GetRole", c -> c.getRole(b -> b.roleName(none)));
        calls.put("UpdateRole", c -> c.updateRole(b -> b.roleName(none).description("d")));
        calls.put("UpdateRoleDescription", c -> c.updateRoleDescription(b -> b.roleName(none).description("d")));
        calls.put("DeleteRole", c -> c.deleteRole(b -> b.roleName(none)));
        calls.put("UpdateAssumeRolePolicy", c -> c.updateAssumeRolePolicy(b -> b.roleName(none)
                .policyDocument(IdentityLifecycleE2ETest.TRUST)));
        calls.put("TagRole", c -> c.tagRole(b -> b.roleName(none).tags(t -> t.key("k").value("v"))));
        calls.put("UntagRole", c -> c.untagRole(b -> b.roleName(none).tagKeys("k")));
        calls.put("ListRoleTags", c -> c.listRoleTags(b -> b.roleName(none)));
        calls.put("ListInstanceProfilesForRole", c -> c.listInstanceProfilesForRole(b -> b.roleName(none)));
        // instance profiles
        calls.put("CreateInstanceProfile", c -> c.createInstanceProfile(b -> b.instanceProfileName("p-" + run)));
        calls.put("ListInstanceProfiles", c -> c.listInstanceProfiles(b -> { }));
        calls.put("AddRoleToInstanceProfile", c -> c.addRoleToInstanceProfile(b -> b.instanceProfileName(none).roleName(none)));
        calls.put("GetInstanceProfile", c -> c.getInstanceProfile(b -> b.instanceProfileName(none)));
        calls.put("DeleteInstanceProfile", c -> c.deleteInstanceProfile(b -> b.instanceProfileName(none)));
        calls.put("RemoveRoleFromInstanceProfile", c -> c.removeRoleFromInstanceProfile(b -> b.instanceProfileName(none).roleName(none)));
        // access keys
        calls.put("CreateAccessKey", c -> c.createAccessKey(b -> b.userName(none)));
        calls.put("ListAccessKeys", c -> c.listAccessKeys(b -> b.userName(none)));
        calls.put("UpdateAccessKey", c -> c.updateAccessKey(b -> b.userName(none).accessKeyId(keyId).status(StatusType.INACTIVE)));
        calls.put("DeleteAccessKey", c -> c.deleteAccessKey(b -> b.userName(none).accessKeyId(keyId)));
        calls.put("GetAccessKeyLastUsed", c -> c.getAccessKeyLastUsed(b -> b.accessKeyId(keyId)));
        // console passwords
        calls.put("CreateLoginProfile", c -> c.createLoginProfile(b -> b.userName(none).password("Table-Pa55-" + run)));
        calls.put("GetLoginProfile", c -> c.getLoginProfile(b -> b.userName(none)));
        calls.put("UpdateLoginProfile", c -> c.updateLoginProfile(b -> b.userName(none).password("Table-Pa55-" + run)));
        calls.put("DeleteLoginProfile", c -> c.deleteLoginProfile(b -> b.userName(none)));
        calls.put("ChangePassword", c -> c.changePassword(b -> b.oldPassword("Old-Pa55-" + run).newPassword("New-Pa55-" + run)));
        // virtual MFA devices
        calls.put("CreateVirtualMFADevice", c -> c.createVirtualMFADevice(b -> b.virtualMFADeviceName("m-" + run)));
        calls.put("DeleteVirtualMFADevice", c -> c.deleteVirtualMFADevice(b -> b.serialNumber(mfaArn)));
        calls.put("TagMFADevice", c -> c.tagMFADevice(b -> b.serialNumber(mfaArn).tags(t -> t.key("k").value("v"))));
        calls.put("UntagMFADevice", c -> c.untagMFADevice(b -> b.serialNumber(mfaArn).tagKeys("k")));
        calls.put("ListMFADeviceTags", c -> c.listMFADeviceTags(b -> b.serialNumber(mfaArn)));
        calls.put("EnableMFADevice", c -> c.enableMFADevice(b -> b.userName(none).serialNumber(mfaArn)
                .authenticationCode1("123456").authenticationCode2("654321")));
        calls.put("DeactivateMFADevice", c -> c.deactivateMFADevice(b -> b.userName(none).serialNumber(mfaArn)));
        calls.put("ResyncMFADevice", c -> c.resyncMFADevice(b -> b.userName(none).serialNumber(mfaArn)
                .authenticationCode1("123456").authenticationCode2("654321")));
        calls.put("GetMFADevice", c -> c.getMFADevice(b -> b.serialNumber(mfaArn)));
        calls.put("ListMFADevices", c -> c.listMFADevices(b -> b.userName(none)));
        calls.put("ListVirtualMFADevices", c -> c.listVirtualMFADevices(b -> { }));
        // OpenID Connect providers
        calls.put("CreateOpenIDConnectProvider", c -> c.createOpenIDConnectProvider(b -> b.url("https://" + run + ".example.com")
                .clientIDList("sts.amazonaws.com").thumbprintList(thumbprint)));
        calls.put("GetOpenIDConnectProvider", c -> c.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(oidcArn)));
        calls.put("DeleteOpenIDConnectProvider", c -> c.deleteOpenIDConnectProvider(b -> b.openIDConnectProviderArn(oidcArn)));
        calls.put("AddClientIDToOpenIDConnectProvider", c -> c.addClientIDToOpenIDConnectProvider(b -> b.openIDConnectProviderArn(oidcArn)
                .clientID("client")));
        calls.put("RemoveClientIDFromOpenIDConnectProvider", c -> c.removeClientIDFromOpenIDConnectProvider(b -> b
                .openIDConnectProviderArn(oidcArn).clientID("client")));
        calls.put("UpdateOpenIDConnectProviderThumbprint", c -> c.updateOpenIDConnectProviderThumbprint(b -> b
                .openIDConnectProviderArn(oidcArn).thumbprintList(thumbprint)));
        calls.put("TagOpenIDConnectProvider", c -> c.tagOpenIDConnectProvider(b -> b.openIDConnectProviderArn(oidcArn)
                .tags(t -> t.key("k").value("v"))));
        calls.put("UntagOpenIDConnectProvider", c -> c.untagOpenIDConnectProvider(b -> b.openIDConnectProviderArn(oidcArn).tagKeys("k")));
        calls.put("ListOpenIDConnectProviderTags", c -> c.listOpenIDConnectProviderTags(b -> b.openIDConnectProviderArn(oidcArn)));
        calls.put("ListOpenIDConnectProviders", c -> c.listOpenIDConnectProviders(b -> { }));
        // the account
        calls.put("CreateAccountAlias", c -> c.createAccountAlias(b -> b.accountAlias("a-" + run)));
        calls.put("DeleteAccountAlias", c -> c.deleteAccountAlias(b -> b.accountAlias(none)));
        calls.put("ListAccountAliases", c -> c.listAccountAliases(b -> { }));
        calls.put("GetAccountSummary", c -> c.getAccountSummary(b -> { }));
        calls.put("GetAccountAuthorizationDetails", c -> c.getAccountAuthorizationDetails(b -> { }));
        calls.put("UpdateAccountPasswordPolicy", c -> c.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(12)));
        calls.put("GetAccountPasswordPolicy", c -> c.getAccountPasswordPolicy(b -> { }));
        calls.put("DeleteAccountPasswordPolicy", c -> c.deleteAccountPasswordPolicy(b -> { }));
        calls.put("GenerateCredentialReport", c -> c.generateCredentialReport(b -> { }));
        calls.put("GetCredentialReport", c -> c.getCredentialReport(b -> { }));

        // managed policies (policy-service)
        calls.put("CreatePolicy", c -> c.createPolicy(b -> b.policyName("mp-" + run).policyDocument(doc)));
        calls.put("ListPolicies", c -> c.listPolicies(b -> b.scope("Local")));
        calls.put("GetPolicy", c -> c.getPolicy(b -> b.policyArn(policyArn)));
        calls.put("DeletePolicy", c -> c.deletePolicy(b -> b.policyArn(policyArn)));
        calls.put("CreatePolicyVersion", c -> c.createPolicyVersion(b -> b.policyArn(policyArn).policyDocument(doc)));
        calls.put("GetPolicyVersion", c -> c.getPolicyVersion(b -> b.policyArn(policyArn).versionId("v1")));
        calls.put("ListPolicyVersions", c -> c.listPolicyVersions(b -> b.policyArn(policyArn)));
        calls.put("DeletePolicyVersion", c -> c.deletePolicyVersion(b -> b.policyArn(policyArn).versionId("v2")));
        calls.put("SetDefaultPolicyVersion", c -> c.setDefaultPolicyVersion(b -> b.policyArn(policyArn).versionId("v2")));
        calls.put("TagPolicy", c -> c.tagPolicy(b -> b.policyArn(policyArn).tags(t -> t.key("k").value("v"))));
        calls.put("UntagPolicy", c -> c.untagPolicy(b -> b.policyArn(policyArn).tagKeys("k")));
        calls.put("ListPolicyTags", c -> c.listPolicyTags(b -> b.policyArn(policyArn)));
        calls.put("ListEntitiesForPolicy", c -> c.listEntitiesForPolicy(b -> b.policyArn(policyArn)));
        // attachments, inline policies and permissions boundaries
        calls.put("AttachUserPolicy", c -> c.attachUserPolicy(b -> b.userName(none).policyArn(policyArn)));
        calls.put("DetachUserPolicy", c -> c.detachUserPolicy(b -> b.userName(none).policyArn(policyArn)));
        calls.put("ListAttachedUserPolicies", c -> c.listAttachedUserPolicies(b -> b.userName(none)));
        calls.put("PutUserPolicy", c -> c.putUserPolicy(b -> b.userName(none).policyName("p").policyDocument(doc)));
        calls.put("GetUserPolicy", c -> c.getUserPolicy(b -> b.userName(none).policyName("p")));
        calls.put("DeleteUserPolicy", c -> c.deleteUserPolicy(b -> b.userName(none).policyName("p")));
        calls.put("ListUserPolicies", c -> c.listUserPolicies(b -> b.userName(none)));
        calls.put("PutUserPermissionsBoundary", c -> c.putUserPermissionsBoundary(b -> b.userName(none).permissionsBoundary(policyArn)));
        calls.put("DeleteUserPermissionsBoundary", c -> c.deleteUserPermissionsBoundary(b -> b.userName(none)));
        calls.put("AttachGroupPolicy", c -> c.attachGroupPolicy(b -> b.groupName(none).policyArn(policyArn)));
        calls.put("DetachGroupPolicy", c -> c.detachGroupPolicy(b -> b.groupName(none).policyArn(policyArn)));
        calls.put("ListAttachedGroupPolicies", c -> c.listAttachedGroupPolicies(b -> b.groupName(none)));
        calls.put("PutGroupPolicy", c -> c.putGroupPolicy(b -> b.groupName(none).policyName("p").policyDocument(doc)));
        calls.put("GetGroupPolicy", c -> c.getGroupPolicy(b -> b.groupName(none).policyName("p")));
        calls.put("DeleteGroupPolicy", c -> c.deleteGroupPolicy(b -> b.groupName(none).policyName("p")));
        calls.put("ListGroupPolicies", c -> c.listGroupPolicies(b -> b.groupName(none)));
        calls.put("AttachRolePolicy", c -> c.attachRolePolicy(b -> b.roleName(none).policyArn(policyArn)));
        calls.put("DetachRolePolicy", c -> c.detachRolePolicy(b -> b.roleName(none).policyArn(policyArn)));
        calls.put("ListAttachedRolePolicies", c -> c.listAttachedRolePolicies(b -> b.roleName(none)));
        calls.put("PutRolePolicy", c -> c.putRolePolicy(b -> b.roleName(none).policyName("p").policyDocument(doc)));
        calls.put("GetRolePolicy", c -> c.getRolePolicy(b -> b.roleName(none).policyName("p")));
        calls.put("DeleteRolePolicy", c -> c.deleteRolePolicy(b -> b.roleName(none).policyName("p")));
        calls.put("ListRolePolicies", c -> c.listRolePolicies(b -> b.roleName(none)));
        calls.put("PutRolePermissionsBoundary", c -> c.putRolePermissionsBoundary(b -> b.roleName(none).permissionsBoundary(policyArn)));
        calls.put("DeleteRolePermissionsBoundary", c -> c.deleteRolePermissionsBoundary(b -> b.roleName(none)));
        // the simulator
        calls.put("SimulatePrincipalPolicy", c -> c.simulatePrincipalPolicy(b -> b.policySourceArn(userArn).actionNames("s3:GetObject")));
        calls.put("GetContextKeysForPrincipalPolicy", c -> c.getContextKeysForPrincipalPolicy(b -> b.policySourceArn(userArn)));
        calls.put("SimulateCustomPolicy", c -> c.simulateCustomPolicy(b -> b.policyInputList(doc).actionNames("s3:GetObject")));
        calls.put("GetContextKeysForCustomPolicy", c -> c.getContextKeysForCustomPolicy(b -> b.policyInputList(List.of(doc))));
        // access advisor
        calls.put("GenerateServiceLastAccessedDetails", c -> c.generateServiceLastAccessedDetails(b -> b.arn(userArn)));
        calls.put("GetServiceLastAccessedDetails", c -> c.getServiceLastAccessedDetails(b -> b.jobId(job)));
        calls.put("GetServiceLastAccessedDetailsWithEntities", c -> c.getServiceLastAccessedDetailsWithEntities(b -> b.jobId(job)
                .serviceNamespace("iam")));
        return calls;
    }
}
