package dev.openiam.policyservice.inline.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class InlinePolicyRepository implements PanacheRepositoryBase<InlinePolicyEntity, Long> {

    public Uni<InlinePolicyEntity> findPolicy(String principalId, String policyName) {
        return find("principalId = ?1 and policyName = ?2", principalId, policyName).firstResult();
    }

    public Uni<List<InlinePolicyEntity>> ofPrincipal(String principalId) {
        return find("principalId = ?1 order by policyName", principalId).list();
    }
}
