package dev.openiam.identity.loginprofile.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A hash a principal's password had (the current one included), for PasswordReusePrevention. */
@Entity
@Table(name = "password_history")
public class PasswordHistoryEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "principal_id")
    public String principalId;

    @Column(name = "password_hash")
    public String passwordHash;

    @Column(name = "changed_at")
    public Instant changedAt;
}
