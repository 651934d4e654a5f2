package dev.openiam.identity.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An event waiting to be published; written in the transaction of the change it records. */
@Entity
@Table(name = "outbox")
public class OutboxEntity {

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "account_id")
    public String accountId;

    public long revision;

    public String topic;

    @Column(name = "event_type")
    public String eventType;

    public int version;

    public String actor;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    public String payload;
}
