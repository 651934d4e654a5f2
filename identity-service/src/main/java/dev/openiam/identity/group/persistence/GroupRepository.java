package dev.openiam.identity.group.persistence;

import dev.openiam.model.rules.PageRequest;
import dev.openiam.model.IamException;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class GroupRepository implements PanacheRepositoryBase<GroupEntity, String> {

    public Uni<GroupEntity> findByName(String accountId, String groupName) {
        return find("accountId = ?1 and lower(groupName) = lower(?2)", accountId, groupName).firstResult();
    }

    public Uni<GroupEntity> require(String accountId, String groupName) {
        return findByName(accountId, groupName).onItem().ifNull()
                .failWith(() -> IamException.noSuchEntity("The group with name " + groupName + " cannot be found."));
    }

    public Uni<List<GroupEntity>> list(String accountId, String pathPrefix, PageRequest page) {
        return find("accountId = ?1 and path like ?2 escape '\\' and lower(groupName) > ?3 order by lower(groupName)",
                accountId, PageRequest.likePrefix(pathPrefix), page.after())
                .range(0, page.maxItems()).list();
    }

    /** The groups {@code userId} belongs to, a page in name order. */
    public Uni<List<GroupEntity>> listForUser(String userId, PageRequest page) {
        return find("from GroupEntity g where exists (select 1 from GroupMemberEntity m where m.groupId = g.groupId "
                        + "and m.userId = ?1) and lower(g.groupName) > ?2 order by lower(g.groupName)",
                userId, page.after()).range(0, page.maxItems()).list();
    }
}
