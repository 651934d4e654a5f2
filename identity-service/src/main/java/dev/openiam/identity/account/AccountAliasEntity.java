package dev.openiam.identity.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "account_aliases")
public class AccountAliasEntity {

    @Id
    @Column(name = "account_alias")
    public String accountAlias;

    @Column(name = "account_id")
    public String accountId;

    @Column(name = "created_at")
    public Instant createdAt;
}
