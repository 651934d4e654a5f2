package dev.openiam.outbox;

import java.util.Objects;

/**
 * How one service's outbox is laid out and relayed.
 *
 * @param table          the qualified outbox table, e.g. {@code identity.outbox} (columns: see {@link OutboxWriter})
 * @param topic          the topic events are published to
 * @param partitions     partitions to create the topic with when it does not exist
 * @param lockKey        the PostgreSQL advisory-lock key that makes one relay publish at a time across replicas
 * @param clientId       the Kafka client id of the relay's producer
 * @param batchSize      rows published per relay round
 * @param idleMillis     how long the relay waits for new rows when nothing signalled it
 * @param retryMillis    back-off after a failed round (Kafka unreachable)
 */
public record OutboxSettings(String table, String topic, int partitions, long lockKey, String clientId,
                             int batchSize, long idleMillis, long retryMillis) {

    public OutboxSettings {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(clientId, "clientId");
        if (!table.matches("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?")) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
    }
}
