package dev.openiam.identity.role.persistence;

import dev.openiam.model.rules.PageRequest;
import dev.openiam.model.IamException;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class RoleRepository implements PanacheRepositoryBase<RoleEntity, String> {

    public Uni<RoleEntity> findByName(String accountId, String roleName) {
        return find("accountId = ?1 and lower(roleName) = lower(?2)", accountId, roleName).firstResult();
    }

    public Uni<RoleEntity> require(String accountId, String roleName) {
        return findByName(accountId, roleName).onItem().ifNull()
                .failWith(() -> IamException.noSuchEntity("The role with name " + roleName + " cannot be found."));
    }

    public Uni<List<RoleEntity>> list(String accountId, String pathPrefix, PageRequest page) {
        return find("accountId = ?1 and path like ?2 escape '\\' and lower(roleName) > ?3 order by lower(roleName)",
                accountId, PageRequest.likePrefix(pathPrefix), page.after())
                .range(0, page.maxItems()).list();
    }
}
