package dev.openiam.identity.loginprofile.domain;

import dev.openiam.authorization.Check;
import dev.openiam.identity.auth.Caller;
import dev.openiam.identity.passwordpolicy.domain.PasswordPolicyService;
import dev.openiam.identity.query.ImplicitGrant;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * AllowUsersToChangePassword, as AWS documents it: every IAM user of the account may change its own password
 * ({@code iam:ChangePassword} on itself) and read the rules it must follow ({@code iam:GetAccountPasswordPolicy}),
 * with no policy saying so. An explicit deny still wins (the authorizer asks only after an implicit deny).
 */
@ApplicationScoped
public class SelfServicePasswordGrant implements ImplicitGrant {

    private final PasswordPolicyService policies;

    public SelfServicePasswordGrant(PasswordPolicyService policies) {
        this.policies = policies;
    }

    @Override
    public Uni<Boolean> grants(Caller caller, Check check) {
        boolean self = "iam:ChangePassword".equals(check.action()) && caller.arn().equals(check.resource());
        if (!caller.isUser() || !(self || "iam:GetAccountPasswordPolicy".equals(check.action()))) {
            return Uni.createFrom().item(false);
        }
        return Panache.withSession(() -> policies.effective(caller.accountId())).map(policy -> policy.allowUsersToChangePassword());
    }
}
