package dev.openiam.identity.accesskey.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An access key; {@code userId} is {@code null} for the root user's keys. The secret is ciphertext. */
@Entity
@Table(name = "access_keys")
public class AccessKeyEntity {

    @Id
    @Column(name = "access_key_id")
    public String accessKeyId;

    @Column(name = "account_id")
    public String accountId;

    @Column(name = "user_id")
    public String userId;

    public String status;

    @Column(name = "secret_ciphertext")
    public byte[] secretCiphertext;

    @Column(name = "secret_nonce")
    public byte[] secretNonce;

    @Column(name = "kek_id")
    public String kekId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "last_used_region")
    public String lastUsedRegion;

    @Column(name = "last_used_service")
    public String lastUsedService;
}
