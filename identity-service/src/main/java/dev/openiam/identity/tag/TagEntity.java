package dev.openiam.identity.tag;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tag of a user, role or instance profile; {@code position} keeps the order tags were added in. */
@Entity
@Table(name = "tags")
public class TagEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "account_id")
    public String accountId;

    @Column(name = "resource_id")
    public String resourceId;

    @Column(name = "tag_key")
    public String key;

    @Column(name = "tag_value")
    public String value;

    public int position;
}
