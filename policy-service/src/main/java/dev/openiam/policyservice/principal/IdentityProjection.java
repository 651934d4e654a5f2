package dev.openiam.policyservice.principal;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.event.EventEnvelope;
import dev.openiam.model.event.IdentityEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This replica's view of every account's principals. An account is loaded from identity-service's
 * snapshot on first use and then kept current by the events of {@code iam.identity.v1}, applied in
 * revision order. A gap (an event missed while this replica was not listening) drops the account; the
 * next use reloads it. A caller that needs a revision this replica has not applied yet (read-your-
 * writes) gets a fresh snapshot, which holds every committed write.
 */
@ApplicationScoped
public class IdentityProjection {

    private static final Logger LOG = Logger.getLogger(IdentityProjection.class);

    private final IdentityServiceClient snapshots;
    private final Map<String, AccountPrincipals> accounts = new ConcurrentHashMap<>();
    private final Map<String, Uni<AccountPrincipals>> loading = new ConcurrentHashMap<>();
    /** While nobody follows the topic, nothing loaded can be kept: every use reads a fresh snapshot. */
    private volatile boolean listening;
    /** Moves on every (re)join: a snapshot read before it must not be kept (events since may be missed). */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    public IdentityProjection(IdentityServiceClient snapshots) {
        this.snapshots = snapshots;
    }

    /** The account's principals at revision {@code atLeast} or later; fails closed (ServiceUnavailable) if it cannot. */
    public Uni<AccountPrincipals> at(String accountId, long atLeast) {
        if (!listening) {
            return snapshots.load(accountId).map(loaded -> check(loaded, atLeast));
        }
        AccountPrincipals current = accounts.get(accountId);
        if (current != null && current.revision() >= atLeast) {
            return Uni.createFrom().item(current);
        }
        if (current == null) {
            return load(accountId).map(loaded -> check(loaded, atLeast));
        }
        // Known but behind: the caller wrote a moment ago; the snapshot has every committed write.
        return load(accountId).map(loaded -> check(loaded, atLeast));
    }

    /** The account's principals read afresh from identity-service (and kept, when listening). */
    public Uni<AccountPrincipals> fresh(String accountId) {
        return load(accountId);
    }

    /** Applies one event of {@code iam.identity.v1}; called by the single consumer thread. */
    public void apply(EventEnvelope envelope) {
        if (!(envelope.payload() instanceof IdentityEvent event)) {
            return;
        }
        AccountPrincipals state = accounts.get(envelope.accountId());
        if (state != null && !state.apply(envelope.revision(), event)) {
            LOG.debugf("account %s: event %d after %d leaves a gap; reloading on next use", envelope.accountId(),
                    envelope.revision(), state.revision());
            accounts.remove(envelope.accountId(), state);
        }
    }

    /** The event consumer started or stopped listening: forget everything; accounts reload on next use. */
    public void listening(boolean now) {
        generation.incrementAndGet();
        listening = now;
        accounts.clear();
    }

    private Uni<AccountPrincipals> load(String accountId) {
        // one snapshot load per account at a time, shared by every waiting caller
        long loadGeneration = generation.get();
        boolean trusted = listening;
        return loading.computeIfAbsent(accountId, id -> snapshots.load(id)
                .map(loaded -> trusted && listening && generation.get() == loadGeneration
                        ? accounts.merge(id, loaded, (old, fresh) -> fresh.revision() >= old.revision() ? fresh : old)
                        : loaded)
                .onTermination().invoke(() -> {
                    loading.remove(id);
                })
                .memoize().indefinitely());
    }

    private static AccountPrincipals check(AccountPrincipals principals, long atLeast) {
        if (principals.revision() < atLeast) {
            throw new IamException(ErrorCode.SERVICE_UNAVAILABLE, "identity state of account " + principals.accountId()
                    + " has not reached revision " + atLeast + " (at " + principals.revision() + ")");
        }
        return principals;
    }
}
