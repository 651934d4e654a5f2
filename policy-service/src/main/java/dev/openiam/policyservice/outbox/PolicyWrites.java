package dev.openiam.policyservice.outbox;

import dev.openiam.glue.audit.AuditedWrites;
import dev.openiam.outbox.AuditOutbox;
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
 * append its events to the outbox and the record of the call it serves to the audit outbox, store the new
 * revision, commit, then wake the relays. An exception
 * anywhere rolls everything back: nothing written, nothing emitted.
 */
@ApplicationScoped
public class PolicyWrites {

    private final AuditedWrites writes;

    public PolicyWrites(Outbox outbox, AuditOutbox audit) {
        this.writes = new AuditedWrites(outbox, audit);
    }

    public <T> Uni<Committed<T>> write(String accountId, String actor, Function<Change, Uni<T>> work) {
        // the forwarded API call this write serves is recorded in the write's own transaction
        return writes.write(call -> Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("insert into policy.account_revisions (account_id, revision) values (?1, 0) "
                        + "on conflict do nothing")
                .setParameter(1, accountId).executeUpdate()
                .chain(() -> session.createNativeQuery(
                                "select revision from policy.account_revisions where account_id = ?1 for update", Long.class)
                        .setParameter(1, accountId).getSingleResult())
                .chain(revision -> {
                    Change change = new Change(accountId, revision, actor,
                            Instant.now().truncatedTo(ChronoUnit.MICROS), writes.outbox().writer(), session);
                    return writes.recorded(call, session, () -> work.apply(change))
                            .call(() -> !change.changed() ? Uni.createFrom().voidItem()
                                    : session.createNativeQuery(
                                            "update policy.account_revisions set revision = ?1 where account_id = ?2")
                                    .setParameter(1, change.revision()).setParameter(2, accountId)
                                    .executeUpdate().replaceWithVoid())
                            .map(value -> new Committed<>(value, change.revision()));
                }))));
    }
}
