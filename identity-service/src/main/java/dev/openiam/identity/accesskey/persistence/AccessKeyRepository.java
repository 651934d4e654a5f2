package dev.openiam.identity.accesskey.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class AccessKeyRepository implements PanacheRepositoryBase<AccessKeyEntity, String> {

    /** Keys of a user, or of the account's root when {@code userId} is {@code null}. */
    public Uni<List<AccessKeyEntity>> ownedBy(String accountId, String userId) {
        return userId == null
                ? find("accountId = ?1 and userId is null order by createdAt, accessKeyId", accountId).list()
                : find("accountId = ?1 and userId = ?2 order by createdAt, accessKeyId", accountId, userId).list();
    }

    public Uni<Long> countOwnedBy(String accountId, String userId) {
        return userId == null
                ? count("accountId = ?1 and userId is null", accountId)
                : count("accountId = ?1 and userId = ?2", accountId, userId);
    }
}
