package dev.openiam.policyservice.inline.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An inline policy embedded in a user, group or role. */
@Entity
@Table(name = "inline_policies")
public class InlinePolicyEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "account_id")
    public String accountId;

    /** {@code user}, {@code group} or {@code role}. */
    @Column(name = "principal_type")
    public String principalType;

    @Column(name = "principal_id")
    public String principalId;

    @Column(name = "principal_name")
    public String principalName;

    @Column(name = "policy_name")
    public String policyName;

    public String document;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
