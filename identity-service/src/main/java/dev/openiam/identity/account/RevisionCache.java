package dev.openiam.identity.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a request reads of an account's identity state (an access key and its holder, an entity as stored, a user as
 * GetUser shows it), kept in memory under the account's {@link AccountRevisions.Revisions revisions} read
 * <em>before</em> it was loaded, and served only while the account's revisions are still those: every change of
 * what is kept moves one of them, on whichever replica it commits (an identity write takes the next identity
 * revision in its transaction; a permissions boundary's copy changes in the statement that records the policy
 * revision; a console sign-in's PasswordLastUsed in the statement that moves the sign-in count), so the next request
 * that reads the revisions loads afresh. The revisions are the ones the request read once at its start
 * ({@link AccountRevisions#atRequestStart}), so a kept read costs no query.
 *
 * <p>For reads a request makes before it writes anything (authentication, authorization, a read action): after its
 * own write, a request would still see the revisions it started with. Bounded by size and by {@link #KEPT_FOR}; a failed
 * load is not kept.
 */
@ApplicationScoped
public class RevisionCache {

    /** What a read is of: its kind and the account-scoped key that names it. */
    private record Key(String accountId, String kind, Object key) {
    }

    /** A loaded value ({@code null}: nothing exists) and the revisions read before it was loaded. */
    private record Kept(AccountRevisions.Revisions revisions, Optional<Object> value) {
    }

    /** How long a read is kept at most, changed or not: a key's decrypted secret does not stay in memory for ever. */
    static final Duration KEPT_FOR = Duration.ofMinutes(15);

    private final AccountRevisions revisions;
    private final Cache<Key, Kept> kept;

    public RevisionCache(AccountRevisions revisions, @ConfigProperty(name = "iam.read-cache.maximum-size", defaultValue = "100000") long size) {
        this.revisions = revisions;
        this.kept = Caffeine.newBuilder().maximumSize(size).expireAfterWrite(KEPT_FOR).build();
    }

    /**
     * {@code kind}/{@code key} of {@code accountId} as of the revisions the current request read: kept, or loaded with
     * {@code load} (which may answer {@code null}) and kept under those revisions.
     */
    @SuppressWarnings("unchecked")
    public <T> Uni<T> read(String accountId, String kind, Object key, Supplier<Uni<T>> load) {
        Key name = new Key(accountId, kind, key);
        return revisions.atRequestStart(accountId).chain(now -> {
            Kept known = kept.getIfPresent(name);
            if (known != null && known.revisions().equals(now)) {
                return Uni.createFrom().item((T) known.value().orElse(null));
            }
            return load.get().invoke(value -> kept.put(name, new Kept(now, Optional.ofNullable(value))));
        });
    }
}
