package dev.openiam.identity.account;

import dev.openiam.model.rules.Rules;
import dev.openiam.identity.outbox.AccountWrites;
import dev.openiam.identity.outbox.Committed;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.event.IdentityEvent;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The account alias: at most one per account (creating another replaces it, as in AWS), unique across
 * all accounts.
 */
@ApplicationScoped
public class AccountAliasService implements PanacheRepositoryBase<AccountAliasEntity, String> {

    private static final String PATTERN = "^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$";
    private static final Pattern ALIAS = Pattern.compile(PATTERN);

    private final AccountWrites writes;

    public AccountAliasService(AccountWrites writes) {
        this.writes = writes;
    }

    public Uni<Committed<Void>> create(String accountId, String actor, String alias) {
        validate(alias);
        return writes.write(accountId, actor, change -> findById(alias).chain(taken -> {
            if (taken != null) {
                return taken.accountId.equals(accountId) ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(IamException.alreadyExists("The account alias " + alias + " already exists."));
            }
            return find("accountId", accountId).firstResult().chain(previous -> {
                Uni<Void> removed = previous == null ? Uni.createFrom().voidItem()
                        : delete(previous).chain(() -> getSession().chain(session -> session.flush()));
                AccountAliasEntity entity = new AccountAliasEntity();
                entity.accountAlias = alias;
                entity.accountId = accountId;
                entity.createdAt = change.now();
                return removed.chain(() -> persist(entity)).chain(() -> change.emit(
                        new IdentityEvent.AccountAliasCreated(alias, previous == null ? null : previous.accountAlias)));
            });
        }));
    }

    public Uni<Committed<Void>> delete(String accountId, String actor, String alias) {
        validate(alias);
        return writes.write(accountId, actor, change -> findById(alias).chain(existing -> {
            if (existing == null || !existing.accountId.equals(accountId)) {
                return Uni.createFrom().failure(IamException.noSuchEntity("The account alias " + alias + " cannot be found."));
            }
            return delete(existing).chain(() -> change.emit(new IdentityEvent.AccountAliasDeleted(alias)));
        }));
    }

    @WithSession
    public Uni<List<String>> list(String accountId) {
        return find("accountId", accountId).list().map(rows -> rows.stream().map(row -> row.accountAlias).toList());
    }

    private static void validate(String alias) {
        Rules.required("accountAlias", alias);
        Rules.length("accountAlias", alias, 3, 63);
        if (!ALIAS.matcher(alias).matches()) {
            throw new IamException(ErrorCode.VALIDATION_ERROR, "1 validation error detected: Value '" + alias
                    + "' at 'accountAlias' failed to satisfy constraint: Member must satisfy regular expression pattern: " + PATTERN);
        }
    }
}
