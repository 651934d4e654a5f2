package dev.openiam.audit.event.persistence;

import dev.openiam.audit.config.AuditConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The day partitions of {@code audit.events} (UTC days, {@code audit.events_pYYYYMMDD}): the ones records may
 * land in are created ahead, and a day is dropped whole once all of it is older than the retention period. Replicas
 * take turns through a transaction-scoped advisory lock; what one replica did, the others see as done.
 */
@ApplicationScoped
public class Partitions {

    private static final Logger LOG = Logger.getLogger(Partitions.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final String PREFIX = "events_p";
    private static final String LIST = "select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid "
            + "join pg_class p on p.oid = i.inhparent join pg_namespace n on n.oid = p.relnamespace "
            + "where n.nspname = 'audit' and p.relname = 'events'";

    private final Pool pool;
    private final AuditConfig config;
    private final Clock clock;
    private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();

    @Inject
    public Partitions(Pool pool, AuditConfig config) {
        this(pool, config, Clock.systemUTC());
    }

    Partitions(Pool pool, AuditConfig config, Clock clock) {
        config.validate();
        this.pool = pool;
        this.config = config;
        this.clock = clock;
    }

    /** The UTC day a record of {@code time} is stored under. */
    public static LocalDate day(Instant time) {
        return LocalDate.ofInstant(time, ZoneOffset.UTC);
    }

    /** The first moment still kept: records before it are not stored, and their days are dropped. */
    public Instant keptFrom() {
        return clock.instant().minus(java.time.Duration.ofDays(config.retentionDays()));
    }

    /** Whether a record of {@code time} is still within retention. */
    public boolean kept(Instant time) {
        return !time.isBefore(keptFrom());
    }

    /** Creates the partitions from the oldest kept day to {@code partitionsAhead} days ahead, and drops expired ones. */
    public Uni<Maintenance> maintain() {
        LocalDate today = day(clock.instant());
        List<LocalDate> wanted = new ArrayList<>();
        for (LocalDate d = today.minusDays(1); !d.isAfter(today.plusDays(config.partitionsAhead())); d = d.plusDays(1)) {
            wanted.add(d);
        }
        LocalDate oldestKept = day(keptFrom());
        return pool.withTransaction(connection -> connection.query("select pg_advisory_xact_lock(hashtext('audit.partitions'))")
                .execute()
                .chain(() -> createAll(connection, wanted))
                .chain(() -> connection.query(LIST).execute())
                .chain(rows -> {
                    List<String> expired = new ArrayList<>();
                    for (Row row : rows) {
                        LocalDate partitionDay = parse(row.getString(0));
                        if (partitionDay != null && partitionDay.isBefore(oldestKept)) {
                            expired.add(row.getString(0));
                            known.remove(partitionDay);
                        }
                    }
                    return dropAll(connection, expired).replaceWith(new Maintenance(wanted.size(), expired));
                }))
                .invoke(done -> {
                    known.addAll(wanted);
                    if (!done.dropped().isEmpty()) {
                        LOG.infof("dropped %d audit partition(s) older than %d days: %s", done.dropped().size(),
                                config.retentionDays(), done.dropped());
                    }
                });
    }

    /** Makes sure each of {@code days} has its partition (a record from before the ones made ahead, or far ahead). */
    public Uni<Void> ensure(Set<LocalDate> days) {
        List<LocalDate> missing = days.stream().filter(d -> !known.contains(d)).sorted().toList();
        if (missing.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(connection -> connection.query("select pg_advisory_xact_lock(hashtext('audit.partitions'))")
                .execute().chain(() -> createAll(connection, missing)))
                .invoke(() -> known.addAll(missing));
    }

    /** Forgets which partitions exist (after a failed insert: one may have been dropped under us). */
    public void forget() {
        known.clear();
    }

    private static Uni<Void> createAll(SqlConnection connection, List<LocalDate> days) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (LocalDate day : days) {
            // names and bounds come from a LocalDate, never from input: safe to place in the statement
            String sql = "create table if not exists audit." + PREFIX + SUFFIX.format(day) + " partition of audit.events "
                    + "for values from ('" + day + " 00:00:00+00') to ('" + day.plusDays(1) + " 00:00:00+00')";
            chain = chain.chain(() -> connection.query(sql).execute().replaceWithVoid());
        }
        return chain;
    }

    private static Uni<Void> dropAll(SqlConnection connection, List<String> names) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String name : names) {
            chain = chain.chain(() -> connection.query("drop table if exists audit." + name).execute().replaceWithVoid());
        }
        return chain;
    }

    /** The day a partition named {@code events_pYYYYMMDD} holds; {@code null} for any other table. */
    static LocalDate parse(String name) {
        if (name == null || !name.startsWith(PREFIX) || name.length() != PREFIX.length() + 8) {
            return null;
        }
        try {
            return LocalDate.parse(name.substring(PREFIX.length()), SUFFIX);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** What one round did: how many days it made sure of, and which partitions it dropped. */
    public record Maintenance(int ensured, List<String> dropped) {
    }

    /** The partitions that exist now, oldest first (for tests and operators). */
    public Uni<List<LocalDate>> existing() {
        return pool.query(LIST).execute().map(rows -> {
            List<LocalDate> days = new ArrayList<>();
            rows.forEach(row -> {
                LocalDate day = parse(row.getString(0));
                if (day != null) {
                    days.add(day);
                }
            });
            days.sort(null);
            return days;
        });
    }
}
