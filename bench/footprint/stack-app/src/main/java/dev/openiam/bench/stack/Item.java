package dev.openiam.bench.stack;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The one entity: a row read through Hibernate Reactive and Panache on every call, as the services read theirs. */
@Entity
@Table(name = "items")
public class Item extends PanacheEntityBase {

    @Id
    public Long id;

    public String name;

    public long revision;
}
