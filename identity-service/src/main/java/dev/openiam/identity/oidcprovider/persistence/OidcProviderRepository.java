package dev.openiam.identity.oidcprovider.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class OidcProviderRepository implements PanacheRepositoryBase<OidcProviderEntity, String> {

    /** The provider of this account with this ARN, or {@code null}. */
    public Uni<OidcProviderEntity> findByArn(String accountId, String arn) {
        return find("accountId = ?1 and arn = ?2", accountId, arn).firstResult();
    }

    /** The provider of this account for this URL (case-insensitive), or {@code null}. */
    public Uni<OidcProviderEntity> findByUrl(String accountId, String url) {
        return find("accountId = ?1 and lower(url) = lower(?2)", accountId, url).firstResult();
    }

    public Uni<List<OidcProviderEntity>> inAccount(String accountId) {
        return find("accountId = ?1 order by arn", accountId).list();
    }
}
