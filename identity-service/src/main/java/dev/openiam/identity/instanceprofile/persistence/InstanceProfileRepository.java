package dev.openiam.identity.instanceprofile.persistence;

import dev.openiam.model.rules.PageRequest;
import dev.openiam.model.IamException;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class InstanceProfileRepository implements PanacheRepositoryBase<InstanceProfileEntity, String> {

    public Uni<InstanceProfileEntity> findByName(String accountId, String name) {
        return find("accountId = ?1 and lower(instanceProfileName) = lower(?2)", accountId, name).firstResult();
    }

    public Uni<InstanceProfileEntity> require(String accountId, String name) {
        return findByName(accountId, name).onItem().ifNull()
                .failWith(() -> IamException.noSuchEntity("Instance Profile " + name + " cannot be found."));
    }

    public Uni<List<InstanceProfileEntity>> list(String accountId, String pathPrefix, PageRequest page) {
        return find("accountId = ?1 and path like ?2 escape '\\' and lower(instanceProfileName) > ?3 "
                        + "order by lower(instanceProfileName)",
                accountId, PageRequest.likePrefix(pathPrefix), page.after())
                .range(0, page.maxItems()).list();
    }

    public Uni<List<InstanceProfileEntity>> listForRole(String roleId, PageRequest page) {
        return find("roleId = ?1 and lower(instanceProfileName) > ?2 order by lower(instanceProfileName)",
                roleId, page.after()).range(0, page.maxItems()).list();
    }
}
