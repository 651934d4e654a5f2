package dev.openiam.identity.outbox;

import dev.openiam.identity.account.AccountEntity;
import dev.openiam.model.event.IdentityEvent;
import dev.openiam.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;

/**
 * One write transaction of one account: holds the locked account row, the acting principal and the
 * transaction's clock, and appends events to the outbox with the account's next revisions.
 */
public final class Change {

    private final AccountEntity account;
    private final String actor;
    private final Instant now;
    private final OutboxWriter outbox;
    private final Mutiny.Session session;

    Change(AccountEntity account, String actor, Instant now, OutboxWriter outbox, Mutiny.Session session) {
        this.account = account;
        this.actor = actor;
        this.now = now;
        this.outbox = outbox;
        this.session = session;
    }

    public String accountId() {
        return account.accountId;
    }

    public String actor() {
        return actor;
    }

    /** The time of this change, used for create dates and the events' {@code occurredAt}. */
    public Instant now() {
        return now;
    }

    /** Appends {@code event} to the outbox at the account's next revision. */
    public Uni<Void> emit(IdentityEvent event) {
        account.revision++;
        return outbox.append(session, account.accountId, account.revision, now, actor, event).replaceWithVoid();
    }

    long revision() {
        return account.revision;
    }
}
