package dev.openiam.authorization;

import dev.openiam.authorization.ActionDescription.Implied;
import dev.openiam.authorization.Resource.Any;
import dev.openiam.authorization.Resource.ByArn;
import dev.openiam.authorization.Resource.Collection;
import dev.openiam.authorization.Resource.Created;
import dev.openiam.authorization.Resource.CreatedFromUrl;
import dev.openiam.authorization.Resource.KeyOwner;
import dev.openiam.authorization.Resource.Named;
import dev.openiam.authorization.Resource.Renamed;
import dev.openiam.authorization.Resource.UserOrCaller;
import dev.openiam.policy.catalog.ActionCatalog;
import dev.openiam.policy.catalog.ActionInfo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The authorization description of every IAM action the front doors serve, one table for every service: what
 * each acts on and how its ARN is derived ({@link Resource}), what else it implies, which parameter gives
 * {@code iam:PolicyARN} or {@code iam:PermissionsBoundary}, and which service performs it. The condition keys
 * come from the Service Authorization Reference ({@link ActionCatalog#bundled()}).
 */
public final class IamAuthorizations {

    /**
     * Keys the reference lists for served actions that no request we serve can supply, and why; the table test
     * checks that every other listed key is set whenever the request supplies it.
     */
    public static final Map<String, String> NOT_SUPPLIED = Map.of(
            "iam:RoleTemplateARN", "role templates are not served",
            "iam:RegisterSecurityKey", "FIDO security keys are not served (virtual MFA devices only)",
            "iam:FIDO-certification", "FIDO security keys are not served (virtual MFA devices only)",
            "iam:FIDO-FIPS-140-2-certification", "FIDO security keys are not served (virtual MFA devices only)",
            "iam:FIDO-FIPS-140-3-certification", "FIDO security keys are not served (virtual MFA devices only)");

    private static final IamAuthorizations INSTANCE = new IamAuthorizations();

    private final Map<String, ActionDescription> byName = new TreeMap<>();

    public static IamAuthorizations get() {
        return INSTANCE;
    }

    private IamAuthorizations() {
        Named user = new Named("user", "UserName");
        Named group = new Named("group", "GroupName");
        Named role = new Named("role", "RoleName");
        Named profile = new Named("instance-profile", "InstanceProfileName");
        ByArn policy = new ByArn("policy", "PolicyArn");

        // users
        identity("CreateUser", new Created("user", "UserName")).boundaryFrom("PermissionsBoundary").add();
        identity("GetUser", new UserOrCaller()).add();
        identity("ListUsers", new Collection("user")).add();
        identity("UpdateUser", user, new Renamed("user", "UserName", "NewUserName", "NewPath")).add();
        for (String name : List.of("DeleteUser", "TagUser", "UntagUser", "ListUserTags", "ListGroupsForUser")) {
            identity(name, user).add();
        }
        // groups: membership acts on the group
        identity("CreateGroup", new Created("group", "GroupName")).add();
        identity("ListGroups", new Collection("group")).add();
        identity("UpdateGroup", group, new Renamed("group", "GroupName", "NewGroupName", "NewPath")).add();
        for (String name : List.of("GetGroup", "DeleteGroup", "AddUserToGroup", "RemoveUserFromGroup")) {
            identity(name, group).add();
        }
        // roles
        identity("CreateRole", new Created("role", "RoleName")).boundaryFrom("PermissionsBoundary").add();
        identity("ListRoles", new Collection("role")).add();
        for (String name : List.of("GetRole", "UpdateRole", "UpdateRoleDescription", "DeleteRole", "UpdateAssumeRolePolicy",
                "TagRole", "UntagRole", "ListRoleTags", "ListInstanceProfilesForRole")) {
            identity(name, role).add();
        }
        // instance profiles: adding a role passes it to EC2
        identity("CreateInstanceProfile", new Created("instance-profile", "InstanceProfileName")).add();
        identity("ListInstanceProfiles", new Collection("instance-profile")).add();
        identity("AddRoleToInstanceProfile", profile)
                .implies(new Implied("iam:PassRole", role, Map.of("iam:PassedToService", "ec2.amazonaws.com"))).add();
        for (String name : List.of("GetInstanceProfile", "DeleteInstanceProfile", "RemoveRoleFromInstanceProfile")) {
            identity(name, profile).add();
        }
        // access keys
        for (String name : List.of("CreateAccessKey", "ListAccessKeys", "UpdateAccessKey", "DeleteAccessKey")) {
            identity(name, new UserOrCaller()).add();
        }
        identity("GetAccessKeyLastUsed", new KeyOwner("AccessKeyId")).add();
        // console passwords: the user named, or without UserName the caller (root: its own password)
        for (String name : List.of("CreateLoginProfile", "GetLoginProfile", "UpdateLoginProfile", "DeleteLoginProfile",
                "ChangePassword")) {
            identity(name, new UserOrCaller()).add();
        }
        // virtual MFA devices and OpenID Connect providers (issue 9): the device actions act on the device (mfa, by its
        // serial number, the device ARN), assigning and listing act on the user (or the caller); the lists have no resource
        ByArn mfa = new ByArn("mfa", "SerialNumber");
        identity("CreateVirtualMFADevice", new Created("mfa", "VirtualMFADeviceName")).add();
        for (String name : List.of("DeleteVirtualMFADevice", "TagMFADevice", "UntagMFADevice", "ListMFADeviceTags")) {
            identity(name, mfa).add();
        }
        for (String name : List.of("EnableMFADevice", "DeactivateMFADevice", "ResyncMFADevice", "GetMFADevice", "ListMFADevices")) {
            identity(name, new UserOrCaller()).add();
        }
        identity("ListVirtualMFADevices", new Any()).add();
        ByArn oidc = new ByArn("oidc-provider", "OpenIDConnectProviderArn");
        identity("CreateOpenIDConnectProvider", new CreatedFromUrl("oidc-provider", "Url")).add();
        for (String name : List.of("GetOpenIDConnectProvider", "DeleteOpenIDConnectProvider", "AddClientIDToOpenIDConnectProvider",
                "RemoveClientIDFromOpenIDConnectProvider", "UpdateOpenIDConnectProviderThumbprint", "TagOpenIDConnectProvider",
                "UntagOpenIDConnectProvider", "ListOpenIDConnectProviderTags")) {
            identity(name, oidc).add();
        }
        identity("ListOpenIDConnectProviders", new Any()).add();
        // the account
        for (String name : List.of("CreateAccountAlias", "DeleteAccountAlias", "ListAccountAliases", "GetAccountSummary",
                "GetAccountAuthorizationDetails", "UpdateAccountPasswordPolicy", "GetAccountPasswordPolicy",
                "DeleteAccountPasswordPolicy", "GenerateCredentialReport", "GetCredentialReport")) {
            identity(name, new Any()).add();
        }

        // policy-service: managed policies
        policy("CreatePolicy", new Created("policy", "PolicyName")).add();
        policy("ListPolicies", new Collection("policy")).add();
        for (String name : List.of("GetPolicy", "DeletePolicy", "CreatePolicyVersion", "GetPolicyVersion", "ListPolicyVersions",
                "DeletePolicyVersion", "SetDefaultPolicyVersion", "TagPolicy", "UntagPolicy", "ListPolicyTags",
                "ListEntitiesForPolicy")) {
            policy(name, policy).add();
        }
        // attachments, inline policies and boundaries act on the principal
        for (Map.Entry<String, Named> kind : Map.of("User", user, "Group", group, "Role", role).entrySet()) {
            String k = kind.getKey();
            policy("Attach" + k + "Policy", kind.getValue()).policyArnFrom("PolicyArn").add();
            policy("Detach" + k + "Policy", kind.getValue()).policyArnFrom("PolicyArn").add();
            for (String pattern : List.of("ListAttached%sPolicies", "Put%sPolicy", "Get%sPolicy", "Delete%sPolicy", "List%sPolicies")) {
                policy(String.format(pattern, k), kind.getValue()).add();
            }
            if (!k.equals("Group")) {
                policy("Put" + k + "PermissionsBoundary", kind.getValue()).boundaryFrom("PermissionsBoundary").add();
                policy("Delete" + k + "PermissionsBoundary", kind.getValue()).add();
            }
        }
        // the simulator: the principal ones act on the simulated principal, the custom ones on *
        ByArn simulated = new ByArn("principal", "PolicySourceArn");
        policy("SimulatePrincipalPolicy", simulated).add();
        policy("GetContextKeysForPrincipalPolicy", simulated).add();
        policy("SimulateCustomPolicy", new Any()).add();
        policy("GetContextKeysForCustomPolicy", new Any()).add();
        // access advisor: a report is generated on the user, group, role or policy it covers; read back by job id
        policy("GenerateServiceLastAccessedDetails", new ByArn("entity", "Arn")).add();
        policy("GetServiceLastAccessedDetails", new Any()).add();
        policy("GetServiceLastAccessedDetailsWithEntities", new Any()).add();
    }

    /** The description of {@code name} (e.g. {@code CreateUser}), or {@code null} if no front door serves it. */
    public ActionDescription find(String name) {
        return name == null ? null : byName.get(name);
    }

    public java.util.Collection<ActionDescription> all() {
        return Collections.unmodifiableCollection(byName.values());
    }

    /** The names of the actions {@code owner} performs. */
    public List<String> namesOwnedBy(Owner owner) {
        return byName.values().stream().filter(d -> d.owner() == owner).map(ActionDescription::name).toList();
    }

    private Builder identity(String name, Resource... resources) {
        return new Builder(name, Owner.IDENTITY, resources);
    }

    private Builder policy(String name, Resource... resources) {
        return new Builder(name, Owner.POLICY, resources);
    }

    private final class Builder {
        private final String name;
        private final Owner owner;
        private final List<Resource> resources;
        private final List<Implied> implied = new ArrayList<>();
        private String policyArn;
        private String boundary;

        Builder(String name, Owner owner, Resource... resources) {
            this.name = name;
            this.owner = owner;
            this.resources = List.of(resources);
        }

        Builder policyArnFrom(String parameter) {
            policyArn = parameter;
            return this;
        }

        Builder boundaryFrom(String parameter) {
            boundary = parameter;
            return this;
        }

        Builder implies(Implied other) {
            implied.add(other);
            return this;
        }

        void add() {
            ActionInfo reference = ActionCatalog.bundled().action("iam:" + name)
                    .orElseThrow(() -> new IllegalStateException("iam:" + name + " is not in the service authorization reference"));
            if (byName.put(name, new ActionDescription(name, owner, resources, implied, policyArn, boundary, reference)) != null) {
                throw new IllegalStateException("iam:" + name + " is described twice");
            }
        }
    }
}
