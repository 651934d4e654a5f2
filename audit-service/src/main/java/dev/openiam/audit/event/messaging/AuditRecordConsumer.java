package dev.openiam.audit.event.messaging;

import dev.openiam.audit.config.AuditConfig;
import dev.openiam.audit.event.persistence.EventStore;
import dev.openiam.model.audit.AuditCodec;
import dev.openiam.model.audit.AuditEvent;
import dev.openiam.model.audit.AuditRecord;
import dev.openiam.outbox.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stores every record of {@code iam.audit.v1}, on its own thread: poll, store the batch (once per eventID), then
 * commit its offsets, so that a crash or a database outage repeats records (harmless) and never loses one; the next
 * batch is polled and decoded while the last one is stored. While the database refuses a batch, the same batch is
 * tried again, with a growing pause. A message that is not an audit record is skipped and counted; it is never stored.
 */
@ApplicationScoped
public class AuditRecordConsumer {

    private static final Logger LOG = Logger.getLogger(AuditRecordConsumer.class);
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);
    private static final long MAX_PAUSE_MS = 10_000;
    /** How long a poll waits for records when nothing is being stored, and while a batch is. */
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);
    private static final Duration BUSY_POLL = Duration.ofMillis(50);

    private final EventStore store;
    private final String bootstrapServers;
    private final String group;
    private final int batch;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final Timer delay;
    private volatile long lastPollMillis;
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private final CountDownLatch finished = new CountDownLatch(1);

    public AuditRecordConsumer(EventStore store, AuditConfig config, MeterRegistry registry,
                               @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.store = store;
        this.bootstrapServers = bootstrapServers;
        this.group = config.consumerGroup();
        this.batch = config.consumerBatch();
        // Quarkus tests restart the application in one JVM, whose global registry keeps the meters of the last one
        List.of("iam.audit.records.stored", "iam.audit.records.malformed")
                .forEach(name -> registry.find(name).meters().forEach(registry::remove));
        FunctionCounter.builder("iam.audit.records.stored", stored, AtomicLong::get)
                .description("audit records stored (repeats of a stored eventID not counted)").register(registry);
        FunctionCounter.builder("iam.audit.records.malformed", malformed, AtomicLong::get)
                .description("messages on iam.audit.v1 that were no audit record, skipped").register(registry);
        this.delay = Timer.builder("iam.audit.ingest.delay")
                .description("from a record's eventTime (to the second) to its commit in storage")
                .serviceLevelObjectives(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
                        Duration.ofSeconds(30))
                .register(registry);
    }

    /** Whether the consumer polled the topic in the last {@code within} (it polls every second while it runs). */
    public boolean polling(Duration within) {
        return running && System.currentTimeMillis() - lastPollMillis < within.toMillis();
    }

    void start(@Observes StartupEvent event) {
        running = true;
        Thread thread = new Thread(() -> {
            try {
                run();
            } finally {
                finished.countDown();
            }
        }, "audit-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops polling (a batch being stored is left uncommitted, to be stored again) and waits for the thread. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        Optional.ofNullable(consumer).ifPresent(KafkaConsumer::wakeup);
        finished.await(10, TimeUnit.SECONDS);
    }

    /** Records stored since start (new ones only, not repeats). */
    public long stored() {
        return stored.get();
    }

    /** Messages skipped since start because they were not audit records. */
    public long malformed() {
        return malformed.get();
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(KafkaClients.config(bootstrapServers, Map.of(
                    ConsumerConfig.GROUP_ID_CONFIG, group,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batch,
                    ConsumerConfig.CLIENT_ID_CONFIG, "audit-service")),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer = kafka;
                kafka.subscribe(List.of(AuditEvent.TOPIC));
                consume(kafka);
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warnf("the audit consumer failed and starts again: %s", e.toString());
                    pause(2_000);
                }
            } finally {
                consumer = null;
            }
        }
    }

    /**
     * Polls and decodes the next batch while the last one is being stored: one batch is in the database at a time (in
     * order: the ingest order is the topic's), and a batch's offsets are committed once it is stored.
     */
    private void consume(KafkaConsumer<String, String> kafka) {
        Storing storing = null;
        while (running) {
            ConsumerRecords<String, String> polled = kafka.poll(storing == null ? IDLE_POLL : BUSY_POLL);
            lastPollMillis = System.currentTimeMillis();
            Batch next = polled.isEmpty() ? null : new Batch(decode(polled), offsets(polled));
            Batch stored = storing == null ? null : awaitStored(kafka, storing);
            storing = next == null ? null : new Storing(next, startStoring(next));
            if (stored != null) {
                commit(kafka, stored.offsets());
            }
        }
        throw new WakeupException(); // stopping: what is being stored stays uncommitted
    }

    private CompletableFuture<Integer> startStoring(Batch batch) {
        return store.store(batch.records()).subscribeAsCompletionStage();
    }

    /** Waits until {@code storing} is stored, storing it again and again while the database refuses it. */
    private Batch awaitStored(KafkaConsumer<String, String> kafka, Storing storing) {
        Batch batch = storing.batch();
        CompletableFuture<Integer> result = storing.result();
        long pauseMs = 200;
        while (running) {
            try {
                stored.addAndGet(result.get(STORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
                Instant now = Instant.now();
                batch.records().forEach(r -> delay.record(Duration.between(r.eventTime(), now).isNegative() ? Duration.ZERO
                        : Duration.between(r.eventTime(), now)));
                return batch;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                LOG.warnf("%d audit record(s) could not be stored, trying again in %d ms: %s", batch.records().size(), pauseMs,
                        cause.getMessage());
                result.cancel(false);
                pause(pauseMs);
                pauseMs = Math.min(pauseMs * 2, MAX_PAUSE_MS);
                // keep the group membership alive while the database is away
                kafka.pause(kafka.assignment());
                kafka.poll(Duration.ZERO);
                lastPollMillis = System.currentTimeMillis();
                kafka.resume(kafka.assignment());
                result = startStoring(batch);
            }
        }
        throw new WakeupException(); // stopping: leave the offsets uncommitted
    }

    /**
     * Commits a stored batch's offsets. Partitions this consumer has lost meanwhile are another replica's now: it
     * stores their records again, once each (by eventID), so a refused commit is only logged.
     */
    private static void commit(KafkaConsumer<String, String> kafka, Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            kafka.commitSync(offsets);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            LOG.infof("offsets of a stored batch not committed (partitions reassigned): %s", e.getMessage());
        }
    }

    /** The position after the batch's last record, per partition. */
    private static Map<TopicPartition, OffsetAndMetadata> offsets(ConsumerRecords<String, String> polled) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : polled.partitions()) {
            List<ConsumerRecord<String, String>> records = polled.records(partition);
            offsets.put(partition, new OffsetAndMetadata(records.get(records.size() - 1).offset() + 1));
        }
        return offsets;
    }

    /** A polled batch: its records (decoded) and the offsets to commit once they are stored. */
    private record Batch(List<AuditRecord> records, Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    /** A batch on its way into the database. */
    private record Storing(Batch batch, CompletableFuture<Integer> result) {
    }

    private List<AuditRecord> decode(ConsumerRecords<String, String> batch) {
        List<AuditRecord> records = new ArrayList<>(batch.count());
        for (ConsumerRecord<String, String> message : batch) {
            try {
                records.add(AuditCodec.decode(message.value()));
            } catch (IllegalArgumentException | NullPointerException e) {
                malformed.incrementAndGet();
                // the content may hold what a producer forgot to redact: only where it was
                LOG.warnf("skipped a message of %s-%d at offset %d that is not an audit record", message.topic(),
                        message.partition(), message.offset());
            }
        }
        return records;
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
