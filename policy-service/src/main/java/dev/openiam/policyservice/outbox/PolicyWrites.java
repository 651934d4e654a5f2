package dev.openiam.policyservice.outbox;

import dev.openiam.model.IamException;
import dev.openiam.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

/**
 * Runs a write of one account as one transaction: create the account's revision row on its first write,
 * lock it (so the account's writes and their revisions follow commit order, gap-free), do the work,
 * append its events to the outbox, store the new revision, commit, then wake the relay. An exception
 * anywhere rolls everything back: nothing written, nothing emitted.
 */
@ApplicationScoped
public class PolicyWrites {

    private final Outbox outbox;

    public PolicyWrites(Outbox outbox) {
        this.outbox = outbox;
    }

    public <T> Uni<Committed<T>> write(String accountId, String actor, Function<Change, Uni<T>> work) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery("insert into policy.account_revisions (account_id, revision) values (?1, 0) "
                                + "on conflict do nothing")
                        .setParameter(1, accountId).executeUpdate()
                        .chain(() -> session.createNativeQuery(
                                        "select revision from policy.account_revisions where account_id = ?1 for update", Long.class)
                                .setParameter(1, accountId).getSingleResult())
                        .chain(revision -> {
                            Change change = new Change(accountId, revision, actor,
                                    Instant.now().truncatedTo(ChronoUnit.MICROS), outbox.writer(), session);
                            return work.apply(change).call(() -> !change.changed() ? Uni.createFrom().voidItem()
                                            : session.createNativeQuery(
                                                    "update policy.account_revisions set revision = ?1 where account_id = ?2")
                                            .setParameter(1, change.revision()).setParameter(2, accountId)
                                            .executeUpdate().replaceWithVoid())
                                    .map(value -> new Committed<>(value, change.revision()));
                        })))
                .onFailure(PolicyWrites::isUniqueViolation).transform(e -> IamException.alreadyExists(
                        "The request was rejected because it attempted to create a resource that already exists."))
                .invoke(outbox::wakeUp);
    }

    /** A unique index caught what the checks inside the lock could not see. */
    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
