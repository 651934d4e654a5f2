package dev.openiam.identity.loginprofile.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A console password: of a user, or of the account's root ({@code userId} null, {@code principalId} the account id). */
@Entity
@Table(name = "login_profiles")
public class LoginProfileEntity {

    @Id
    @Column(name = "principal_id")
    public String principalId;

    @Column(name = "account_id")
    public String accountId;

    @Column(name = "user_id")
    public String userId;

    /** Argon2id, PHC string form. */
    @Column(name = "password_hash")
    public String passwordHash;

    @Column(name = "password_reset_required")
    public boolean passwordResetRequired;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "password_changed_at")
    public Instant passwordChangedAt;
}
