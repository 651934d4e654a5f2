package dev.openiam.identity.instanceprofile.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An instance profile; it holds at most one role, {@code roleId}. */
@Entity
@Table(name = "instance_profiles")
public class InstanceProfileEntity {

    @Id
    @Column(name = "instance_profile_id")
    public String instanceProfileId;

    @Column(name = "account_id")
    public String accountId;

    @Column(name = "instance_profile_name")
    public String instanceProfileName;

    public String path;

    public String arn;

    @Column(name = "role_id")
    public String roleId;

    @Column(name = "created_at")
    public Instant createdAt;
}
