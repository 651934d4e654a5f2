package dev.openiam.policyservice.policy.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tag of a customer managed policy; {@code position} keeps the order tags were added in. */
@Entity
@Table(name = "policy_tags")
public class PolicyTagEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "policy_id")
    public String policyId;

    @Column(name = "tag_key")
    public String key;

    @Column(name = "tag_value")
    public String value;

    public int position;
}
