package dev.openiam.outbox;

import dev.openiam.model.audit.AuditCodec;
import dev.openiam.model.audit.AuditRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Publishes the audit record of a call that changed nothing (a read, a refusal, a failure) straight to its topic, the
 * way the relay would (same envelope, key and headers), and says when the broker acknowledged it ({@code acks=all},
 * idempotent): no table row, no relay read, no delete. It never makes a caller wait long: sending never blocks
 * ({@code max.block.ms} 0 — no metadata yet, or a full buffer, fails at once), an acknowledgement not received within
 * {@link #DELIVERY} fails, and after any failure it stays closed for {@link #PAUSE} so that calls go to the outbox
 * table without trying. A record that failed here is stored in the outbox table by the caller; should the broker have
 * taken it after all, audit-service stores it once (by eventID).
 */
final class DirectAuditProducer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DirectAuditProducer.class);
    static final Duration DELIVERY = Duration.ofSeconds(3);
    static final Duration PAUSE = Duration.ofSeconds(10);

    private final String topic;
    private final Producer<String, String> producer;
    // nanoTime has an arbitrary origin (it may be negative): open from now on
    private volatile long closedUntil = System.nanoTime();

    DirectAuditProducer(String bootstrapServers, OutboxSettings settings) {
        this.topic = settings.topic();
        this.producer = new KafkaProducer<>(KafkaClients.config(bootstrapServers, Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                // one produce request out at a time and no lingering: the caller waits for the acknowledgement, and the
                // records sent while a request is out go together in the next (measured: GetUser 2,840 -> 3,250/s at
                // wrk -c16 without lingering; with one request out rather than five, together with fewer calls in flight
                // to the peers (service-glue's DecisionClient, IdentityAuthentication), 1,531 -> 1,768/s on a slower
                // machine, bench/RESULTS.md 2026-12-07 17:36)
                "max.in.flight.requests.per.connection", 1,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 0,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) DELIVERY.toMillis() - 100,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY.toMillis(),
                ProducerConfig.BUFFER_MEMORY_CONFIG, 4L << 20,
                ProducerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-direct")),
                new StringSerializer(), new StringSerializer());
        try {
            // ask for the topic's partitions now, off any request (answered in the background): until they are known,
            // sends fail at once and go to the table
            producer.partitionsFor(topic);
        } catch (RuntimeException notYet) {
            LOG.debugf("the partitions of %s are not known yet: %s", topic, notYet.getMessage());
        }
    }

    /** Whether a send is worth trying (no failure in the last {@link #PAUSE}). */
    boolean open() {
        return System.nanoTime() - closedUntil >= 0;
    }

    /** Sends {@code record}; completes when the broker acknowledged it, fails otherwise (and closes for a while). */
    CompletionStage<Void> send(AuditRecord record) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            // revision 0: audit records take no place in a revision sequence (AuditCodec.encode's envelope says so too)
            ProducerRecord<String, String> message = OutboxRelay.message(topic, record.recipientAccountId(), AuditCodec.TYPE, 0,
                    AuditCodec.encode(record));
            producer.send(message, (metadata, failure) -> {
                if (failure == null) {
                    done.complete(null);
                } else {
                    fail(failure, done);
                }
            });
        } catch (RuntimeException e) {
            fail(e, done);
        }
        return done;
    }

    private void fail(Throwable failure, CompletableFuture<Void> done) {
        if (open()) {
            LOG.debugf("audit records go through the outbox table for %s: %s", PAUSE, failure.getMessage());
        }
        closedUntil = System.nanoTime() + PAUSE.toNanos();
        done.completeExceptionally(failure);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
    }
}
