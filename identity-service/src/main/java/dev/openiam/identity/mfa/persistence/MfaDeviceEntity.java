package dev.openiam.identity.mfa.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A virtual MFA device. The seed is ciphertext; {@code userId} is set, or {@code root} is, while the device is
 * assigned (enabled), and neither otherwise.
 */
@Entity
@Table(name = "mfa_devices")
public class MfaDeviceEntity {

    @Id
    @Column(name = "serial_number")
    public String serialNumber;

    @Column(name = "account_id")
    public String accountId;

    public String path;

    @Column(name = "device_name")
    public String deviceName;

    @Column(name = "seed_ciphertext")
    public byte[] seedCiphertext;

    @Column(name = "seed_nonce")
    public byte[] seedNonce;

    @Column(name = "kek_id")
    public String kekId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "user_id")
    public String userId;

    public boolean root;

    @Column(name = "enabled_at")
    public Instant enabledAt;

    @Column(name = "last_time_step")
    public Long lastTimeStep;

    @Column(name = "drift_steps")
    public int driftSteps;

    public boolean assigned() {
        return enabledAt != null;
    }
}
