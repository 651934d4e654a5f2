package dev.openiam.policyservice.dataevent;

import dev.openiam.model.audit.AuditRecord;
import dev.openiam.model.audit.AuditRecord.UserIdentity;
import dev.openiam.policyservice.principal.AccountPrincipals;

/**
 * The {@code userIdentity} of a data event: the principal the decision was about, as stored (its id, its ARN with its
 * path; a role session's role as its issuer), so that the access advisor counts the call for the right user or role.
 */
final class DecisionPrincipals {

    private DecisionPrincipals() {
    }

    static UserIdentity identity(String arn, String account, AccountPrincipals principals) {
        String resource = dev.openiam.model.Arn.parse(arn).resource();
        String[] parts = resource.split("/");
        if (resource.equals("root")) {
            return UserIdentity.root(account, null);
        }
        String last = parts[parts.length - 1];
        switch (parts[0]) {
            case "user" -> {
                AccountPrincipals.User user = principals.userByName(last);
                return user == null ? UserIdentity.iamUser(account, null, arn, last, null)
                        : UserIdentity.iamUser(account, user.id(), user.arn(), user.name(), null);
            }
            case "assumed-role", "role" -> {
                String roleName = "role".equals(parts[0]) ? last : parts.length > 2 ? parts[1] : last;
                AccountPrincipals.Role role = principals.roleByName(roleName);
                String session = "assumed-role".equals(parts[0]) && parts.length > 2 ? last : roleName;
                return UserIdentity.assumedRole(account, role == null ? null : role.id(),
                        role == null ? "arn:aws:iam::" + account + ":role/" + roleName : role.arn(), roleName, session, arn, null,
                        new AuditRecord.SessionContext(null, null, null, null));
            }
            default -> {
                return new UserIdentity("Unknown", null, arn, account, null, null, null, null);
            }
        }
    }
}
