package dev.openiam.identity.loginprofile.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** When a principal's password last signed in (GetUser's PasswordLastUsed). */
@Entity
@Table(name = "password_last_used")
public class PasswordLastUsedEntity {

    @Id
    @Column(name = "principal_id")
    public String principalId;

    @Column(name = "account_id")
    public String accountId;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;
}
