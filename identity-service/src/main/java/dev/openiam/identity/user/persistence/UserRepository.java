package dev.openiam.identity.user.persistence;

import dev.openiam.model.rules.PageRequest;
import dev.openiam.model.IamException;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<UserEntity, String> {

    public Uni<UserEntity> findByName(String accountId, String userName) {
        return find("accountId = ?1 and lower(userName) = lower(?2)", accountId, userName).firstResult();
    }

    /** The user, or {@code NoSuchEntity} with AWS's message. */
    public Uni<UserEntity> require(String accountId, String userName) {
        return findByName(accountId, userName).onItem().ifNull()
                .failWith(() -> IamException.noSuchEntity("The user with name " + userName + " cannot be found."));
    }

    public Uni<List<UserEntity>> list(String accountId, String pathPrefix, PageRequest page) {
        return find("accountId = ?1 and path like ?2 escape '\\' and lower(userName) > ?3 order by lower(userName)",
                accountId, PageRequest.likePrefix(pathPrefix), page.after())
                .range(0, page.maxItems()).list();
    }
}
