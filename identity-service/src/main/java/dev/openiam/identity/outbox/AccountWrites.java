package dev.openiam.identity.outbox;

import dev.openiam.identity.account.AccountEntity;
import dev.openiam.model.IamException;
import dev.openiam.glue.audit.AuditedWrites;
import dev.openiam.outbox.AuditOutbox;
import dev.openiam.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

/**
 * Runs a write of one account as one transaction: lock the account row (so the account's writes and
 * their revisions follow commit order, gap-free), do the work, append its events to the outbox and the
 * audit record of the API call it serves to the audit outbox, commit, then wake the relays. An exception anywhere rolls everything back: nothing written, nothing emitted.
 */
@ApplicationScoped
public class AccountWrites {

    private final AuditedWrites writes;

    public AccountWrites(Outbox outbox, AuditOutbox audit) {
        this.writes = new AuditedWrites(outbox, audit);
    }

    public <T> Uni<Committed<T>> write(String accountId, String actor, Function<Change, Uni<T>> work) {
        // the API call this write serves (none for background work) is recorded in the write's own transaction
        return writes.write(call -> Panache.withTransaction(() -> Panache.getSession().chain(session ->
                session.find(AccountEntity.class, accountId, LockModeType.PESSIMISTIC_WRITE)
                        .onItem().ifNull().failWith(() -> IamException.noSuchEntity(
                                "The account with id " + accountId + " cannot be found."))
                        .chain(account -> {
                            Change change = new Change(account, actor,
                                    Instant.now().truncatedTo(ChronoUnit.MICROS), writes.outbox().writer(), session);
                            return writes.recorded(call, session, () -> work.apply(change))
                                    .map(value -> new Committed<>(value, change.revision()));
                        }))));
    }
}
