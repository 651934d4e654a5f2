package dev.openiam.policyservice.policy.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class PolicyRepository implements PanacheRepositoryBase<PolicyEntity, String> {

    public Uni<PolicyEntity> findByName(String accountId, String policyName) {
        return find("accountId = ?1 and lower(policyName) = lower(?2)", accountId, policyName).firstResult();
    }

    public Uni<PolicyEntity> findByArn(String accountId, String arn) {
        return find("accountId = ?1 and arn = ?2", accountId, arn).firstResult();
    }

    public Uni<List<PolicyEntity>> listAll(String accountId) {
        return find("accountId = ?1 order by lower(policyName)", accountId).list();
    }
}
