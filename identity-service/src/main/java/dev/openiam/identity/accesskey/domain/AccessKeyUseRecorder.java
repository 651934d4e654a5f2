package dev.openiam.identity.accesskey.domain;

import dev.openiam.identity.config.IdentityConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records when, for which service and in which region each access key was last used, off the request's path: a
 * successful authentication only notes the use in memory; a periodic flush writes the latest use of each key, at
 * most once per key per {@code iam.access-key-last-use.min-interval} (a minute), in one batch. A key used
 * continuously is written once a minute with its latest use; a key used once is written at the next flush.
 */
@ApplicationScoped
public class AccessKeyUseRecorder {

    private static final Logger LOG = Logger.getLogger(AccessKeyUseRecorder.class);

    record Use(Instant at, String service, String region) {
    }

    private final Map<String, Use> pending = new ConcurrentHashMap<>();
    private final Map<String, Instant> written = new ConcurrentHashMap<>();
    private final Pool pool;
    private final Vertx vertx;
    private final IdentityConfig.AccessKeyLastUse settings;
    private long timer = -1;

    public AccessKeyUseRecorder(Pool pool, Vertx vertx, IdentityConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.settings = config.accessKeyLastUse();
    }

    void start(@Observes StartupEvent event) {
        if (settings.enabled()) {
            timer = vertx.setPeriodic(settings.flushInterval().toMillis(), id -> flush().subscribe().with(n -> { }, failure ->
                    LOG.warnf("access-key last use not written, kept for the next flush: %s", failure.getMessage())));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Notes a successful use of {@code accessKeyId}; constant time, no I/O. */
    public void record(String accessKeyId, String service, String region, Instant at) {
        if (settings.enabled()) {
            pending.merge(accessKeyId, new Use(at, service, region), (old, use) -> use.at().isAfter(old.at()) ? use : old);
        }
    }

    /** Writes the uses that are due; answers how many keys it wrote. */
    public Uni<Integer> flush() {
        Instant now = Instant.now();
        Instant dueBefore = now.minus(settings.minInterval());
        written.values().removeIf(at -> at.isBefore(dueBefore));
        List<Tuple> batch = new ArrayList<>();
        for (Map.Entry<String, Use> entry : pending.entrySet()) {
            String key = entry.getKey();
            Use use = entry.getValue();
            if (!written.containsKey(key) && pending.remove(key, use)) {
                written.put(key, now);
                batch.add(Tuple.of(key, OffsetDateTime.ofInstant(use.at(), ZoneOffset.UTC), use.service(), use.region()));
            }
        }
        if (batch.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return pool.preparedQuery("update identity.access_keys set last_used_at = $2, last_used_service = $3, last_used_region = $4 "
                        + "where access_key_id = $1 and (last_used_at is null or last_used_at < $2)")
                .executeBatch(batch).replaceWith(batch.size())
                .onFailure().invoke(failure -> batch.forEach(row -> {
                    // put the uses back, unless a newer one arrived meanwhile
                    String key = row.getString(0);
                    written.remove(key);
                    pending.merge(key, new Use(row.getOffsetDateTime(1).toInstant(), row.getString(2), row.getString(3)),
                            (current, restored) -> current.at().isAfter(restored.at()) ? current : restored);
                }));
    }

    /** How long a use may wait before it is written (tests poll at least this long). */
    public Duration flushInterval() {
        return settings.flushInterval();
    }
}
