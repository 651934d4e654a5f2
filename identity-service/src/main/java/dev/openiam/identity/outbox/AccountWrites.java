package dev.openiam.identity.outbox;

import dev.openiam.identity.account.AccountEntity;
import dev.openiam.model.IamException;
import dev.openiam.glue.audit.AuditedCall;
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

    private final Outbox outbox;
    private final AuditOutbox audit;

    public AccountWrites(Outbox outbox, AuditOutbox audit) {
        this.outbox = outbox;
        this.audit = audit;
    }

    public <T> Uni<Committed<T>> write(String accountId, String actor, Function<Change, Uni<T>> work) {
        // the API call this write serves (none for background work) is recorded in the write's own transaction
        AuditedCall call = AuditedCall.current();
        return Panache.withTransaction(() -> Panache.getSession().chain(session ->
                        session.find(AccountEntity.class, accountId, LockModeType.PESSIMISTIC_WRITE)
                                .onItem().ifNull().failWith(() -> IamException.noSuchEntity(
                                        "The account with id " + accountId + " cannot be found."))
                                .chain(account -> {
                                    Change change = new Change(account, actor,
                                            Instant.now().truncatedTo(ChronoUnit.MICROS), outbox.writer(), session);
                                    return work.apply(change)
                                            .call(value -> call == null ? Uni.createFrom().voidItem()
                                                    : call.appendInTransaction(audit, session, value))
                                            .map(value -> new Committed<>(value, change.revision()));
                                })))
                .onFailure(AccountWrites::isUniqueViolation).transform(e -> IamException.alreadyExists(
                        "The request was rejected because it attempted to create a resource that already exists."))
                .invoke(() -> {
                    outbox.wakeUp();
                    if (call != null) {
                        call.committed(audit);
                    }
                });
    }

    /** A unique index caught what the checks inside the lock could not see (a name across accounts). */
    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
