package dev.openiam.identity.passwordpolicy.query;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.awsprotocol.query.QueryXml;
import dev.openiam.identity.auth.Caller;
import dev.openiam.identity.passwordpolicy.domain.PasswordPolicy;
import dev.openiam.identity.passwordpolicy.domain.PasswordPolicyService;
import dev.openiam.identity.query.IamAction;
import dev.openiam.identity.query.IamAction.Result;
import dev.openiam.identity.query.IamActionGroup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** UpdateAccountPasswordPolicy, GetAccountPasswordPolicy, DeleteAccountPasswordPolicy. */
@ApplicationScoped
public class PasswordPolicyActions implements IamActionGroup {

    private final PasswordPolicyService policies;

    public PasswordPolicyActions(PasswordPolicyService policies) {
        this.policies = policies;
    }

    @Override
    public List<IamAction> actions() {
        return List.of(
                new IamAction("UpdateAccountPasswordPolicy", this::update),
                new IamAction("GetAccountPasswordPolicy", this::get),
                new IamAction("DeleteAccountPasswordPolicy", this::delete));
    }

    private Uni<Result> update(QueryRequest q, Caller caller) {
        var update = new PasswordPolicyService.Update(q.integer("MinimumPasswordLength"), q.bool("RequireSymbols"),
                q.bool("RequireNumbers"), q.bool("RequireUppercaseCharacters"), q.bool("RequireLowercaseCharacters"),
                q.bool("AllowUsersToChangePassword"), q.integer("MaxPasswordAge"), q.integer("PasswordReusePrevention"),
                q.bool("HardExpiry"));
        return policies.update(caller.accountId(), caller.arn(), update).map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> get(QueryRequest q, Caller caller) {
        return policies.get(caller.accountId()).map(p -> Result.of(r -> r.element("PasswordPolicy", e -> write(e, p))));
    }

    private static void write(QueryXml.Element e, PasswordPolicy p) {
        e.integer("MinimumPasswordLength", (long) p.minimumPasswordLength())
                .bool("RequireSymbols", p.requireSymbols())
                .bool("RequireNumbers", p.requireNumbers())
                .bool("RequireUppercaseCharacters", p.requireUppercaseCharacters())
                .bool("RequireLowercaseCharacters", p.requireLowercaseCharacters())
                .bool("AllowUsersToChangePassword", p.allowUsersToChangePassword())
                .bool("ExpirePasswords", p.expirePasswords())
                .integer("MaxPasswordAge", asLong(p.maxPasswordAge()))
                .integer("PasswordReusePrevention", asLong(p.passwordReusePrevention()))
                .bool("HardExpiry", p.hardExpiry());
    }

    private static Long asLong(Integer value) {
        return value == null ? null : value.longValue();
    }

    private Uni<Result> delete(QueryRequest q, Caller caller) {
        return policies.delete(caller.accountId(), caller.arn()).map(c -> Result.empty(c.revision()));
    }
}
