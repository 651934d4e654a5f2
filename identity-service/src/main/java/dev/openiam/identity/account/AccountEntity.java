package dev.openiam.identity.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An account; its row is the lock every write of the account takes, and it counts the revisions. */
@Entity
@Table(name = "accounts")
public class AccountEntity {

    @Id
    @Column(name = "account_id")
    public String accountId;

    /** The revision of the account's last event; the next event takes {@code revision + 1}. */
    public long revision;

    @Column(name = "created_at")
    public Instant createdAt;
}
