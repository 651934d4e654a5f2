package dev.openiam.identity.account;

import dev.openiam.identity.accesskey.domain.AccessKeyService;
import dev.openiam.identity.accesskey.persistence.AccessKeyRepository;
import dev.openiam.identity.group.domain.GroupService;
import dev.openiam.identity.group.persistence.GroupRepository;
import dev.openiam.identity.instanceprofile.persistence.InstanceProfileRepository;
import dev.openiam.identity.mfa.persistence.MfaDeviceEntity;
import dev.openiam.identity.mfa.persistence.MfaDeviceRepository;
import dev.openiam.identity.role.persistence.RoleRepository;
import dev.openiam.identity.user.persistence.UserRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GetAccountSummary: counts of what identity-service owns and AWS's default quotas. Policy counts are
 * policy-service's and are added when it answers for them.
 */
@ApplicationScoped
public class AccountSummaryService {

    private final UserRepository users;
    private final GroupRepository groups;
    private final RoleRepository roles;
    private final InstanceProfileRepository profiles;
    private final AccessKeyRepository keys;
    private final MfaDeviceRepository mfaDevices;

    public AccountSummaryService(UserRepository users, GroupRepository groups, RoleRepository roles,
                                 InstanceProfileRepository profiles, AccessKeyRepository keys, MfaDeviceRepository mfaDevices) {
        this.mfaDevices = mfaDevices;
        this.users = users;
        this.groups = groups;
        this.roles = roles;
        this.profiles = profiles;
        this.keys = keys;
    }

    @WithSession
    public Uni<Map<String, Long>> summary(String accountId) {
        Map<String, Long> map = new LinkedHashMap<>();
        return users.count("accountId", accountId).invoke(n -> map.put("Users", n))
                .chain(() -> groups.count("accountId", accountId)).invoke(n -> map.put("Groups", n))
                .chain(() -> roles.count("accountId", accountId)).invoke(n -> map.put("Roles", n))
                .chain(() -> profiles.count("accountId", accountId)).invoke(n -> map.put("InstanceProfiles", n))
                .chain(() -> keys.countOwnedBy(accountId, null)).invoke(n -> map.put("AccountAccessKeysPresent", n > 0 ? 1L : 0L))
                .chain(() -> mfaDevices.inAccount(accountId)).invoke(devices -> {
                    map.put("AccountMFAEnabled", devices.stream().anyMatch(d -> d.root && d.assigned()) ? 1L : 0L);
                    map.put("MFADevices", (long) devices.size());
                    map.put("MFADevicesInUse", devices.stream().filter(MfaDeviceEntity::assigned).count());
                })
                .map(ignored -> {
                    map.put("UsersQuota", 5000L);
                    map.put("GroupsQuota", 300L);
                    map.put("RolesQuota", 1000L);
                    map.put("InstanceProfilesQuota", 1000L);
                    map.put("GroupsPerUserQuota", (long) GroupService.MAX_GROUPS_PER_USER);
                    map.put("AccessKeysPerUserQuota", (long) AccessKeyService.MAX_KEYS);
                    map.put("ServerCertificates", 0L);
                    map.put("ServerCertificatesQuota", 20L);
                    map.put("SigningCertificatesPerUserQuota", 2L);
                    map.put("AccountSigningCertificatesPresent", 0L);
                    map.put("UserPolicySizeQuota", 2048L);
                    map.put("GroupPolicySizeQuota", 5120L);
                    map.put("PolicySizeQuota", 6144L);
                    map.put("PoliciesQuota", 1500L);
                    map.put("PolicyVersionsInUseQuota", 10000L);
                    map.put("VersionsPerPolicyQuota", 5L);
                    map.put("AttachedPoliciesPerUserQuota", 10L);
                    map.put("AttachedPoliciesPerGroupQuota", 10L);
                    map.put("AttachedPoliciesPerRoleQuota", 10L);
                    map.put("GlobalEndpointTokenVersion", 1L);
                    return map;
                });
    }
}
