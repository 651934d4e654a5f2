package dev.openiam.policyservice.attachment.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class AttachmentRepository implements PanacheRepositoryBase<AttachmentEntity, Long> {

    public Uni<List<AttachmentEntity>> ofPrincipal(String principalId) {
        return find("principalId = ?1 order by policyArn", principalId).list();
    }

    public Uni<AttachmentEntity> findAttachment(String principalId, String policyArn) {
        return find("principalId = ?1 and policyArn = ?2", principalId, policyArn).firstResult();
    }

    public Uni<List<AttachmentEntity>> ofPolicy(String accountId, String policyArn) {
        return find("accountId = ?1 and policyArn = ?2", accountId, policyArn).list();
    }

    public Uni<Long> countOfPolicy(String accountId, String policyArn) {
        return count("accountId = ?1 and policyArn = ?2", accountId, policyArn);
    }

    /** How many principals of the account each policy is attached to, by policy ARN. */
    public Uni<Map<String, Long>> countsByPolicy(String accountId) {
        return getSession().chain(session -> session.createQuery(
                        "select a.policyArn, count(a) from AttachmentEntity a where a.accountId = ?1 group by a.policyArn",
                        Object[].class).setParameter(1, accountId).getResultList())
                .map(rows -> {
                    Map<String, Long> counts = new HashMap<>();
                    rows.forEach(row -> counts.put((String) row[0], (Long) row[1]));
                    return counts;
                });
    }
}
