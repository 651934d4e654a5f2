package dev.openiam.policyservice.attachment.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A managed policy (customer or AWS) attached to a user, group or role. */
@Entity
@Table(name = "attachments")
public class AttachmentEntity {

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

    @Column(name = "principal_path")
    public String principalPath;

    @Column(name = "policy_arn")
    public String policyArn;

    @Column(name = "attached_at")
    public Instant attachedAt;
}
