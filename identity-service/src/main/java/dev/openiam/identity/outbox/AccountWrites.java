package dev.openiam.identity.outbox;

import dev.openiam.identity.account.AccountEntity;
import dev.openiam.model.IamException;
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
 * their revisions follow commit order, gap-free), do the work, append its events to the outbox, commit,
 * then wake the relay. An exception anywhere rolls everything back: nothing written, nothing emitted.
 */
@ApplicationScoped
public class AccountWrites {

    private final Outbox outbox;

    public AccountWrites(Outbox outbox) {
        this.outbox = outbox;
    }

    public <T> Uni<Committed<T>> write(String accountId, String actor, Function<Change, Uni<T>> work) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session ->
                        session.find(AccountEntity.class, accountId, LockModeType.PESSIMISTIC_WRITE)
                                .onItem().ifNull().failWith(() -> IamException.noSuchEntity(
                                        "The account with id " + accountId + " cannot be found."))
                                .chain(account -> {
                                    Change change = new Change(account, actor,
                                            Instant.now().truncatedTo(ChronoUnit.MICROS), outbox.writer(), session);
                                    return work.apply(change).map(value -> new Committed<>(value, change.revision()));
                                })))
                .onFailure(AccountWrites::isUniqueViolation).transform(e -> IamException.alreadyExists(
                        "The request was rejected because it attempted to create a resource that already exists."))
                .invoke(outbox::wakeUp);
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
