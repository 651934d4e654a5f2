package dev.openiam.identity.role.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "roles")
public class RoleEntity {

    @Id
    @Column(name = "role_id")
    public String roleId;

    @Column(name = "account_id")
    public String accountId;

    @Column(name = "role_name")
    public String roleName;

    public String path;

    public String arn;

    /** The trust policy exactly as given. */
    @Column(name = "assume_role_policy")
    public String assumeRolePolicy;

    public String description;

    @Column(name = "max_session_duration")
    public int maxSessionDuration;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The permissions boundary as written through the front door (policy-service owns and enforces it). */
    @Column(name = "permissions_boundary_arn")
    public String permissionsBoundaryArn;
}
