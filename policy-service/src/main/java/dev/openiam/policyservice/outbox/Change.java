package dev.openiam.policyservice.outbox;

import dev.openiam.model.event.PolicyEvent;
import dev.openiam.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;

/**
 * One write transaction of one account: holds the account's locked revision, the acting principal and
 * the transaction's clock, and appends events to the outbox with the account's next revisions.
 */
public final class Change {

    private final String accountId;
    private final String actor;
    private final Instant now;
    private final OutboxWriter outbox;
    private final Mutiny.Session session;
    private final long startRevision;
    private long revision;

    Change(String accountId, long revision, String actor, Instant now, OutboxWriter outbox, Mutiny.Session session) {
        this.accountId = accountId;
        this.startRevision = revision;
        this.revision = revision;
        this.actor = actor;
        this.now = now;
        this.outbox = outbox;
        this.session = session;
    }

    public String accountId() {
        return accountId;
    }

    public String actor() {
        return actor;
    }

    /** The time of this change, used for create dates and the events' {@code occurredAt}. */
    public Instant now() {
        return now;
    }

    /** Appends {@code event} to the outbox at the account's next revision. */
    public Uni<Void> emit(PolicyEvent event) {
        revision++;
        return outbox.append(session, accountId, revision, now, actor, event).replaceWithVoid();
    }

    long revision() {
        return revision;
    }

    boolean changed() {
        return revision != startRevision;
    }
}
