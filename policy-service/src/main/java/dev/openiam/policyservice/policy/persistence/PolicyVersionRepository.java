package dev.openiam.policyservice.policy.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class PolicyVersionRepository implements PanacheRepositoryBase<PolicyVersionEntity, Long> {

    public Uni<PolicyVersionEntity> findVersion(String policyId, String versionId) {
        return find("policyId = ?1 and versionId = ?2", policyId, versionId).firstResult();
    }

    /** Newest first, as IAM lists them. */
    public Uni<List<PolicyVersionEntity>> versionsOf(String policyId) {
        return find("policyId = ?1 order by createdAt desc, id desc", policyId).list();
    }

    public Uni<Long> deleteAllOf(String policyId) {
        return delete("policyId", policyId);
    }
}
