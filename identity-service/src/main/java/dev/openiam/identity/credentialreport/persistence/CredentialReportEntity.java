package dev.openiam.identity.credentialreport.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The latest credential report of an account: STARTED while generated, then COMPLETE with its CSV. */
@Entity
@Table(name = "credential_reports")
public class CredentialReportEntity {

    @Id
    @Column(name = "account_id")
    public String accountId;

    public String state;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "generated_at")
    public Instant generatedAt;

    public byte[] content;
}
