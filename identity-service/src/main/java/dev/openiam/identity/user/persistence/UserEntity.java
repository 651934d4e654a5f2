package dev.openiam.identity.user.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "users")
public class UserEntity {

    @Id
    @Column(name = "user_id")
    public String userId;

    @Column(name = "account_id")
    public String accountId;

    @Column(name = "user_name")
    public String userName;

    public String path;

    public String arn;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The permissions boundary as written through the front door (policy-service owns and enforces it). */
    @Column(name = "permissions_boundary_arn")
    public String permissionsBoundaryArn;
}
