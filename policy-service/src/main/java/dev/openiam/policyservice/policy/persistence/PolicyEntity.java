package dev.openiam.policyservice.policy.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A customer managed policy. */
@Entity
@Table(name = "policies")
public class PolicyEntity {

    @Id
    @Column(name = "policy_id")
    public String policyId;

    @Column(name = "account_id")
    public String accountId;

    @Column(name = "policy_name")
    public String policyName;

    public String path;

    public String arn;

    public String description;

    @Column(name = "default_version_id")
    public String defaultVersionId;

    @Column(name = "next_version")
    public int nextVersion;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
