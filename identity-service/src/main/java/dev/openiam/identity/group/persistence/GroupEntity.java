package dev.openiam.identity.group.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "groups")
public class GroupEntity {

    @Id
    @Column(name = "group_id")
    public String groupId;

    @Column(name = "account_id")
    public String accountId;

    @Column(name = "group_name")
    public String groupName;

    public String path;

    public String arn;

    @Column(name = "created_at")
    public Instant createdAt;
}
