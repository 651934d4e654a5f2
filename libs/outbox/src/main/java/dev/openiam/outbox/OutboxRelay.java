package dev.openiam.outbox;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes the outbox to Kafka, one account's events in revision order, and deletes what Kafka
 * acknowledged. It runs on its own thread (Kafka's producer blocks) and takes a transaction-scoped
 * advisory lock per round, so that with several replicas only one publishes at a time. When Kafka is
 * down, rows stay and the next round sends them again; for an account, nothing after an unacknowledged
 * event is deleted, so nothing is lost or skipped. A crash between send and delete can repeat events;
 * consumers apply revision {@code applied + 1} only, which makes repeats harmless.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private final Pool pool;
    private final KafkaEventProducer producers;
    private final OutboxSettings config;
    private final String select;
    private final String delete;
    private final String count;
    private final AtomicLong published = new AtomicLong();
    private volatile OutboxBacklog backlog = OutboxBacklog.NONE;
    private long countedAt;
    private final Semaphore signal = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public OutboxRelay(Pool pool, String bootstrapServers, OutboxSettings settings) {
        this.pool = pool;
        this.producers = new KafkaEventProducer(bootstrapServers, settings);
        this.config = settings;
        this.select = "select event_id, account_id, revision, topic, event_type, version, actor, occurred_at, payload from "
                + settings.table() + " order by account_id, revision limit $1";
        this.delete = "delete from " + settings.table() + " where event_id = any($1)";
        this.count = "select count(*), min(occurred_at) from " + settings.table();
    }

    /** Starts the relay's thread. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "outbox-relay-" + config.topic());
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread after its current round and closes the producer. */
    @Override
    public void close() {
        running = false;
        signal.release();
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producers.close();
    }

    /** Called after a commit, so the events leave at once rather than at the next poll. */
    public void wakeUp() {
        signal.release();
    }

    /** The backlog as last counted (every replica counts, including those not publishing). */
    public OutboxBacklog backlog() {
        OutboxBacklog counted = backlog;
        return new OutboxBacklog(counted.events(), counted.oldest(), published.get());
    }

    private void run() {
        while (running) {
            countBacklog();
            try {
                int published = publishOnce();
                if (published < config.batchSize()) {
                    signal.tryAcquire(config.idleMillis(), TimeUnit.MILLISECONDS);
                    signal.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("outbox relay round failed, retrying: %s", e.getMessage());
                LOG.debug("outbox relay failure", e);
                producers.reset();
                sleepQuietly(config.retryMillis());
            }
        }
    }

    /** One round: lock, read a batch in order, send, delete what was acknowledged, commit. */
    int publishOnce() throws InterruptedException {
        SqlConnection connection = pool.getConnection().await().atMost(Duration.ofSeconds(30));
        try {
            Transaction tx = connection.begin().await().atMost(Duration.ofSeconds(30));
            try {
                boolean locked = connection.preparedQuery("select pg_try_advisory_xact_lock($1)")
                        .execute(Tuple.of(config.lockKey())).await().atMost(Duration.ofSeconds(30))
                        .iterator().next().getBoolean(0);
                if (!locked) {
                    tx.rollback().await().atMost(Duration.ofSeconds(30));
                    return 0;
                }
                List<Row> rows = new ArrayList<>();
                connection.preparedQuery(select)
                        .execute(Tuple.of(config.batchSize())).await().atMost(Duration.ofSeconds(30))
                        .forEach(rows::add);
                if (rows.isEmpty()) {
                    tx.commit().await().atMost(Duration.ofSeconds(30));
                    return 0;
                }
                List<UUID> acknowledged = send(rows);
                if (!acknowledged.isEmpty()) {
                    connection.preparedQuery(delete)
                            .execute(Tuple.of(acknowledged.toArray(UUID[]::new))).await().atMost(Duration.ofSeconds(30));
                }
                tx.commit().await().atMost(Duration.ofSeconds(30));
                published.addAndGet(acknowledged.size());
                if (acknowledged.size() < rows.size()) {
                    throw new IllegalStateException((rows.size() - acknowledged.size()) + " events not acknowledged by Kafka");
                }
                return rows.size();
            } catch (RuntimeException | InterruptedException e) {
                tx.rollback().onFailure().recoverWithNull().await().atMost(Duration.ofSeconds(30));
                throw e;
            }
        } finally {
            connection.close().onFailure().recoverWithNull().await().atMost(Duration.ofSeconds(30));
        }
    }

    /** At most once a second: one count over the outbox table, so the cost does not grow with write traffic. */
    private void countBacklog() {
        long now = System.nanoTime();
        if (countedAt != 0 && now - countedAt < TimeUnit.SECONDS.toNanos(1)) {
            return;
        }
        countedAt = now;
        try {
            Row row = pool.query(count).execute().await().atMost(Duration.ofSeconds(10)).iterator().next();
            OffsetDateTime oldest = row.getOffsetDateTime(1);
            backlog = new OutboxBacklog(row.getLong(0), oldest == null ? null : oldest.toInstant(), 0);
        } catch (RuntimeException e) {
            LOG.debugf("counting the outbox failed: %s", e.getMessage());
        }
    }

    private List<UUID> send(List<Row> rows) throws InterruptedException {
        Producer<String, String> producer = producers.get();
        List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
        Set<String> failedAccounts = new HashSet<>();
        for (Row row : rows) {
            String account = row.getString("account_id");
            if (failedAccounts.contains(account)) {
                sends.add(null);
                continue;
            }
            try {
                sends.add(producer.send(toRecord(row)));
            } catch (RuntimeException e) {
                // Metadata unavailable (broker down): later events of this account must wait.
                failedAccounts.add(account);
                sends.add(null);
                LOG.debugf("send failed for account %s: %s", account, e.getMessage());
            }
        }
        producer.flush();
        List<UUID> acknowledged = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            String account = row.getString("account_id");
            Future<RecordMetadata> send = sends.get(i);
            if (send == null || failedAccounts.contains(account)) {
                failedAccounts.add(account);
                continue;
            }
            try {
                send.get();
                acknowledged.add(row.getUUID("event_id"));
            } catch (ExecutionException e) {
                failedAccounts.add(account);
                LOG.debugf("Kafka did not acknowledge an event of account %s: %s", account, e.getCause().getMessage());
            }
        }
        return acknowledged;
    }

    private static ProducerRecord<String, String> toRecord(Row row) {
        return message(row.getString("topic"), row.getString("account_id"), row.getString("event_type"), row.getLong("revision"),
                OutboxEnvelope.json(row));
    }

    /** The message an event travels in: keyed by its account, its type and revision also as headers. */
    static ProducerRecord<String, String> message(String topic, String accountId, String type, long revision, String envelope) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, accountId, envelope);
        record.headers().add(new RecordHeader("type", type.getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("revision", Long.toString(revision).getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
