package dev.openiam.audit.logfiles;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes, at the end of every period (plus a short delay), the period's log files and its signed digest, on its own
 * thread. A record goes into the log file of the period in which it was <em>stored</em> (its ingest order, not its
 * eventTime: a record that arrives late through Kafka goes into the next file to be written, never into one already
 * signed), so each record is in exactly one file. The chain's state is one locked row: one replica writes a period,
 * and a crash before its commit writes the same period again, to the same file names.
 */
@ApplicationScoped
public class LogFileWriter {

    private static final Logger LOG = Logger.getLogger(LogFileWriter.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final int PAGE = 2_000;

    private final Pool pool;
    private final LogFilesConfig config;
    private final Clock clock = Clock.systemUTC();
    private volatile DigestKey key;
    private ScheduledExecutorService thread;

    public LogFileWriter(Pool pool, LogFilesConfig config) {
        this.pool = pool;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        config.validate();
        Optional<Path> directory = directory();
        if (directory.isEmpty()) {
            LOG.info("no log files are written (iam.audit.log-files.directory is not set)");
            return;
        }
        key = DigestKey.load(config.privateKeyFile().map(Path::of).orElse(directory.get().resolve(DigestKey.GENERATED)),
                config.privateKeyFile().isEmpty());
        thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "audit-log-files");
            t.setDaemon(true);
            return t;
        });
        long tick = Math.max(200, Math.min(config.period().toMillis() / 4, 5_000));
        thread.scheduleWithFixedDelay(this::writeDueSafely, 0, tick, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (thread != null) {
            thread.shutdownNow();
            thread.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** The key that signs digests, once started with a directory. */
    public Optional<DigestKey> key() {
        return Optional.ofNullable(key);
    }

    Optional<Path> directory() {
        return config.directory().filter(d -> !d.isBlank()).map(Path::of);
    }

    private void writeDueSafely() {
        try {
            writeDue();
        } catch (RuntimeException | IOException e) {
            LOG.warnf("log files could not be written, trying again: %s", e.toString());
        }
    }

    /** Writes every period that has ended (and waited its delay) since the last one written. */
    void writeDue() throws IOException {
        SqlConnection connection = pool.getConnection().await().atMost(TIMEOUT);
        try {
            Transaction transaction = connection.begin().await().atMost(TIMEOUT);
            Row state = connection.query("select last_seq, period_end, digest_object, digest_hash, digest_signature "
                    + "from audit.log_chain where id = 1 for update").execute().await().atMost(TIMEOUT).iterator().next();
            Chain chain = new Chain(state.getLong("last_seq"), instant(state.getOffsetDateTime("period_end")),
                    state.getString("digest_object"), state.getString("digest_hash"), state.getString("digest_signature"));
            Instant now = clock.instant();
            if (chain.periodEnd() == null) {
                // the chain starts with the current period; records stored before go into its first file
                chain = new Chain(chain.lastSeq(), floor(now), null, null, null);
            }
            while (!chain.periodEnd().plus(config.period()).plus(config.delay()).isAfter(now)) {
                chain = writePeriod(connection, chain, chain.periodEnd(), chain.periodEnd().plus(config.period()));
            }
            connection.preparedQuery("update audit.log_chain set last_seq = $1, period_end = $2, digest_object = $3, "
                            + "digest_hash = $4, digest_signature = $5 where id = 1")
                    .execute(Tuple.of(chain.lastSeq(), OffsetDateTime.ofInstant(chain.periodEnd(), ZoneOffset.UTC), chain.digestObject(),
                            chain.digestHash(), chain.signature())).await().atMost(TIMEOUT);
            transaction.commit().await().atMost(TIMEOUT);
        } finally {
            connection.close().await().atMost(TIMEOUT);
        }
    }

    /** Where the chain stands: the last record written, the last period's end and its digest. */
    private record Chain(long lastSeq, Instant periodEnd, String digestObject, String digestHash, String signature) {
    }

    private Chain writePeriod(SqlConnection connection, Chain chain, Instant start, Instant end) throws IOException {
        Path directory = directory().orElseThrow();
        String bucket = directory.toString();
        long until = connection.query("select coalesce(max(seq), 0) as last from audit.events").execute().await().atMost(TIMEOUT)
                .iterator().next().getLong("last");
        List<DigestFile.LogFile> files;
        try (PeriodLogs logs = new PeriodLogs(directory, config.region(), end)) {
            long after = chain.lastSeq();
            while (after < until) {
                List<Row> rows = new java.util.ArrayList<>();
                connection.preparedQuery("select seq, account_id, event_time, record from audit.events where seq > $1 and seq <= $2 "
                        + "order by seq limit " + PAGE).execute(Tuple.of(after, until)).await().atMost(TIMEOUT).forEach(rows::add);
                if (rows.isEmpty()) {
                    break;
                }
                for (Row row : rows) {
                    logs.add(row.getString("account_id"), row.getLong("seq"), row.getOffsetDateTime("event_time").toInstant(),
                            row.getString("record"));
                }
                after = rows.get(rows.size() - 1).getLong("seq");
            }
            files = logs.finish(bucket);
        }
        String object = LogStorage.digestObject(config.region(), end);
        DigestFile digest = new DigestFile(null, time(start), time(end), bucket, object, key.fingerprint(),
                DigestFile.SIGNATURE_ALGORITHM,
                files.stream().map(DigestFile.LogFile::newestEventTime).max(String::compareTo).orElse(null),
                files.stream().map(DigestFile.LogFile::oldestEventTime).min(String::compareTo).orElse(null),
                chain.digestObject() == null ? null : bucket, chain.digestObject(), chain.digestHash(),
                chain.digestObject() == null ? null : DigestFile.HASH_ALGORITHM, chain.signature(), files);
        byte[] content = digest.toJson();
        String hash = LogStorage.sha256(content);
        String signature = HexFormat.of().formatHex(key.sign(DigestFile.signingString(digest.digestEndTime(), bucket, object, hash,
                String.valueOf(chain.signature()))));
        LogStorage.writeGzip(directory.resolve(object), content);
        LogStorage.write(directory.resolve(LogStorage.signatureObject(object)), signature.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        LOG.debugf("wrote the digest of %s to %s with %d log file(s)", time(start), time(end), files.size());
        return new Chain(until, end, object, hash, signature);
    }

    /** The start of the period {@code time} falls in (periods are aligned to the epoch). */
    private Instant floor(Instant time) {
        long period = config.period().toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli(), period) * period);
    }

    static String time(Instant instant) {
        return instant == null ? null : TIME.format(instant);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
