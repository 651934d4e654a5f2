package dev.openiam.policyservice.policy.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One version of a customer managed policy; which one is the default is on the policy. */
@Entity
@Table(name = "policy_versions")
public class PolicyVersionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "policy_id")
    public String policyId;

    @Column(name = "version_id")
    public String versionId;

    public String document;

    @Column(name = "created_at")
    public Instant createdAt;
}
