package dev.openiam.identity.passwordpolicy.domain;

import dev.openiam.identity.outbox.AccountWrites;
import dev.openiam.identity.outbox.Committed;
import dev.openiam.identity.passwordpolicy.persistence.PasswordPolicyEntity;
import dev.openiam.identity.passwordpolicy.persistence.PasswordPolicyRepository;
import dev.openiam.model.IamException;
import dev.openiam.model.event.IdentityEvent;
import dev.openiam.model.rules.Rules;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The account password policy: UpdateAccountPasswordPolicy, GetAccountPasswordPolicy, DeleteAccountPasswordPolicy. */
@ApplicationScoped
public class PasswordPolicyService {

    private final AccountWrites writes;
    private final PasswordPolicyRepository policies;

    public PasswordPolicyService(AccountWrites writes, PasswordPolicyRepository policies) {
        this.writes = writes;
        this.policies = policies;
    }

    /** The parameters of UpdateAccountPasswordPolicy; what is not given takes AWS's default. */
    public record Update(Integer minimumPasswordLength, Boolean requireSymbols, Boolean requireNumbers,
                         Boolean requireUppercaseCharacters, Boolean requireLowercaseCharacters,
                         Boolean allowUsersToChangePassword, Integer maxPasswordAge, Integer passwordReusePrevention,
                         Boolean hardExpiry) {
    }

    /** UpdateAccountPasswordPolicy replaces the whole policy, as AWS does: an omitted field is reset to its default. */
    public Uni<Committed<PasswordPolicy>> update(String accountId, String actor, Update u) {
        PasswordPolicy policy = new PasswordPolicy(
                Rules.range("minimumPasswordLength", u.minimumPasswordLength(), 6, 128, 6),
                Boolean.TRUE.equals(u.requireSymbols()), Boolean.TRUE.equals(u.requireNumbers()),
                Boolean.TRUE.equals(u.requireUppercaseCharacters()), Boolean.TRUE.equals(u.requireLowercaseCharacters()),
                Boolean.TRUE.equals(u.allowUsersToChangePassword()),
                optional("maxPasswordAge", u.maxPasswordAge(), 1095),
                optional("passwordReusePrevention", u.passwordReusePrevention(), 24),
                u.hardExpiry());
        return writes.write(accountId, actor, change -> policies.findById(accountId).chain(existing -> {
            PasswordPolicyEntity row = existing != null ? existing : new PasswordPolicyEntity();
            row.accountId = accountId;
            row.set(policy);
            Uni<?> saved = existing != null ? Uni.createFrom().item(row) : policies.persist(row);
            return saved.chain(() -> change.emit(new IdentityEvent.AccountPasswordPolicyUpdated(policy.minimumPasswordLength(),
                    policy.requireSymbols(), policy.requireNumbers(), policy.requireUppercaseCharacters(),
                    policy.requireLowercaseCharacters(), policy.allowUsersToChangePassword(), policy.maxPasswordAge(),
                    policy.passwordReusePrevention(), policy.hardExpiry()))).replaceWith(policy);
        }));
    }

    /** GetAccountPasswordPolicy: {@code NoSuchEntity} when the account set none. */
    @WithSession
    public Uni<PasswordPolicy> get(String accountId) {
        return policies.findById(accountId).onItem().ifNull().failWith(() -> noPolicy(accountId)).map(PasswordPolicyEntity::toPolicy);
    }

    /** The rules passwords of the account must follow: its policy, or AWS's default when it set none. */
    public Uni<PasswordPolicy> effective(String accountId) {
        return policies.findById(accountId).map(row -> row == null ? PasswordPolicy.AWS_DEFAULT : row.toPolicy());
    }

    public Uni<Committed<Void>> delete(String accountId, String actor) {
        return writes.write(accountId, actor, change -> policies.findById(accountId)
                .onItem().ifNull().failWith(() -> noPolicy(accountId))
                .chain(policies::delete)
                .chain(() -> change.emit(new IdentityEvent.AccountPasswordPolicyDeleted())));
    }

    /** 0 (or absence) switches the rule off, as the API documents; otherwise 1 … {@code max}. */
    private static Integer optional(String field, Integer value, int max) {
        return value == null || value == 0 ? null : Rules.range(field, value, 1, max, 0);
    }

    private static IamException noPolicy(String accountId) {
        return IamException.noSuchEntity("The Password Policy with domain name " + accountId + " cannot be found.");
    }
}
