package dev.openiam.policyservice.principal;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.event.EventEnvelope;
import dev.openiam.model.event.IdentityEvent;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.openiam.policyservice.config.PolicyConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
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
 *
 * <p>Memory is bounded: accounts are kept while their principals (plus one per account) number at most
 * {@code iam.policy.decision.projection-max-principals}; an evicted account is reloaded from a snapshot on
 * next use, like one never seen.
 */
@ApplicationScoped
public class IdentityProjection {

    private static final Logger LOG = Logger.getLogger(IdentityProjection.class);

    private final IdentityServiceClient snapshots;
    private final Cache<String, AccountPrincipals> accounts;
    private final Map<String, Uni<AccountPrincipals>> loading = new ConcurrentHashMap<>();
    /**
     * The newest event of an account that arrived while its snapshot was loading and the account was not
     * kept: a snapshot older than that event must not be kept, or the event would be lost for good.
     */
    private final Map<String, Long> passedWhileLoading = new ConcurrentHashMap<>();
    /** While nobody follows the topic, nothing loaded can be kept: every use reads a fresh snapshot. */
    private volatile boolean listening;
    /** Moves on every (re)join: a snapshot read before it must not be kept (events since may be missed). */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    public IdentityProjection(IdentityServiceClient snapshots, PolicyConfig config) {
        this.snapshots = snapshots;
        this.accounts = Caffeine.newBuilder().maximumWeight(config.decision().projectionMaxPrincipals())
                .<String, AccountPrincipals>weigher((id, account) -> weight(account)).build();
    }

    /** The account's principals at revision {@code atLeast} or later; fails closed (ServiceUnavailable) if it cannot. */
    public Uni<AccountPrincipals> at(String accountId, long atLeast) {
        if (!listening) {
            return snapshots.load(accountId).map(loaded -> check(loaded, atLeast));
        }
        AccountPrincipals current = accounts.getIfPresent(accountId);
        if (current != null && current.revision() >= atLeast) {
            return Uni.createFrom().item(current);
        }
        // Unknown, or known but behind (the caller wrote a moment ago): a snapshot has every committed write
        return loadAtLeast(accountId, atLeast);
    }

    /**
     * A load already under way when the caller came may have read the account before the caller's own write committed;
     * when it answers below {@code atLeast}, one more load — begun after it ended, so after the caller came — has it.
     */
    private Uni<AccountPrincipals> loadAtLeast(String accountId, long atLeast) {
        return load(accountId).chain(loaded -> loaded.revision() >= atLeast ? Uni.createFrom().item(loaded)
                : load(accountId).map(again -> check(again, atLeast)));
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
        String accountId = envelope.accountId();
        AccountPrincipals state = accounts.getIfPresent(accountId);
        if (state == null && loading.containsKey(accountId)) {
            passedWhileLoading.merge(accountId, envelope.revision(), Math::max);
            // the snapshot may have been kept meanwhile (it checks the map above after keeping itself)
            state = accounts.getIfPresent(accountId);
        }
        if (state == null) {
            return;
        }
        int before = state.size();
        if (!state.apply(envelope.revision(), event)) {
            LOG.debugf("account %s: event %d after %d leaves a gap; reloading on next use", accountId,
                    envelope.revision(), state.revision());
            accounts.asMap().remove(accountId, state);
        } else if (state.size() != before) {
            // weighed again, so that the bound follows the account's growth
            accounts.asMap().replace(accountId, state, state);
        }
    }

    /** The event consumer started or stopped listening: forget everything; accounts reload on next use. */
    public void listening(boolean now) {
        generation.incrementAndGet();
        listening = now;
        accounts.invalidateAll();
    }

    private Uni<AccountPrincipals> load(String accountId) {
        // one snapshot load per account at a time, shared by every waiting caller
        long loadGeneration = generation.get();
        boolean trusted = listening;
        Uni<AccountPrincipals> shared = loading.computeIfAbsent(accountId, id -> {
            // an event that arrived before this snapshot is read is in it
            passedWhileLoading.remove(id);
            return snapshots.load(id)
                    .map(loaded -> trusted && listening && generation.get() == loadGeneration ? keep(id, loaded) : loaded)
                    .onTermination().invoke(() -> {
                        // in this order: once the next load of the account may begin, what it records is its own
                        passedWhileLoading.remove(id);
                        loading.remove(id);
                    })
                    .memoize().indefinitely();
        });
        // The shared result arrives on the context of the caller that started the load; each caller goes on on its
        // own (its request's database session lives there: continuing on another's breaks both).
        return Uni.createFrom().deferred(() -> {
            Context caller = Vertx.currentContext();
            return caller == null ? shared : shared.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        });
    }

    /** Keeps a snapshot unless a newer one is kept, or an event newer than it passed while it was loading. */
    private AccountPrincipals keep(String id, AccountPrincipals loaded) {
        AccountPrincipals kept = accounts.asMap().merge(id, loaded, (old, fresh) -> fresh.revision() >= old.revision() ? fresh : old);
        Long passed = passedWhileLoading.get(id);
        if (kept == loaded && passed != null && passed > loaded.revision()) {
            accounts.asMap().remove(id, loaded);
        }
        return loaded;
    }

    /** An account weighs one for itself and one per principal. */
    private static int weight(AccountPrincipals account) {
        return 1 + account.size();
    }

    /** Principals kept (with one per account), for tests of the bound. */
    public long weightKept() {
        accounts.cleanUp();
        return accounts.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    private static AccountPrincipals check(AccountPrincipals principals, long atLeast) {
        if (principals.revision() < atLeast) {
            throw new IamException(ErrorCode.SERVICE_UNAVAILABLE, "identity state of account " + principals.accountId()
                    + " has not reached revision " + atLeast + " (at " + principals.revision() + ")");
        }
        return principals;
    }
}
