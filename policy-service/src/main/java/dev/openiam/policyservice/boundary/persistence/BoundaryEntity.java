package dev.openiam.policyservice.boundary.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The permissions boundary of a user or role. */
@Entity
@Table(name = "permissions_boundaries")
public class BoundaryEntity {

    @Id
    @Column(name = "principal_id")
    public String principalId;

    @Column(name = "account_id")
    public String accountId;

    /** {@code user} or {@code role}. */
    @Column(name = "principal_type")
    public String principalType;

    @Column(name = "principal_name")
    public String principalName;

    @Column(name = "principal_path")
    public String principalPath;

    @Column(name = "policy_arn")
    public String policyArn;

    @Column(name = "set_at")
    public Instant setAt;
}
