package dev.openiam.identity.account;

import dev.openiam.identity.accesskey.domain.AccessKey;
import dev.openiam.identity.accesskey.domain.AccessKeyService;
import dev.openiam.identity.outbox.AccountWrites;
import dev.openiam.model.AccountId;
import dev.openiam.model.Arn;
import dev.openiam.model.EntityType;
import dev.openiam.model.IamException;
import dev.openiam.model.event.IdentityEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/** Accounts and their root users: one transaction creates the account and its first root access key. */
@ApplicationScoped
public class AccountService {

    private final AccountRepository accounts;
    private final AccountWrites writes;
    private final AccessKeyService accessKeys;
    private final SecureRandom random = new SecureRandom();

    public AccountService(AccountRepository accounts, AccountWrites writes, AccessKeyService accessKeys) {
        this.accounts = accounts;
        this.writes = writes;
        this.accessKeys = accessKeys;
    }

    /** A new account and root access key; any argument {@code null} is generated. */
    public Uni<NewAccount> create(String actor, String accountId, String rootAccessKeyId, String rootSecret) {
        AccountId id = accountId == null ? AccountId.random(random) : AccountId.of(accountId);
        String keyId = rootAccessKeyId == null ? EntityType.ACCESS_KEY.newId(random) : rootAccessKeyId;
        if (!EntityType.ACCESS_KEY.isValid(keyId)) {
            throw IamException.validation("root access key id `" + keyId + "` must be AKIA and 16 characters of A-Z, 2-7");
        }
        String secret = rootSecret == null ? newSecret() : rootSecret;
        if (secret.length() < 16 || secret.length() > 128) {
            throw IamException.validation("root secret access key must have 16 to 128 characters");
        }
        return Panache.withTransaction(() -> accounts.findById(id.value()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(IamException.alreadyExists("Account " + id + " already exists."));
            }
            AccountEntity account = new AccountEntity();
            account.accountId = id.value();
            account.revision = 0;
            account.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return accounts.persistAndFlush(account)
                    .chain(() -> writes.write(id.value(), actor, change ->
                            change.emit(new IdentityEvent.AccountCreated(id.value(), Arn.root(id).toString(), account.createdAt))
                                    .chain(() -> accessKeys.create(change, null, keyId, secret))))
                    .map(committed -> new NewAccount(id.value(), Arn.root(id).toString(), committed.value(), committed.revision()));
        }));
    }

    public Uni<Long> count() {
        return Panache.withSession(accounts::count);
    }

    public record NewAccount(String accountId, String rootArn, AccessKey rootAccessKey, long revision) {
    }

    private String newSecret() {
        byte[] bytes = new byte[30];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
