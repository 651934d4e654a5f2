package dev.openiam.policyservice.boundary.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class BoundaryRepository implements PanacheRepositoryBase<BoundaryEntity, String> {

    public Uni<List<BoundaryEntity>> ofPolicy(String accountId, String policyArn) {
        return find("accountId = ?1 and policyArn = ?2", accountId, policyArn).list();
    }

    public Uni<Long> countOfPolicy(String accountId, String policyArn) {
        return count("accountId = ?1 and policyArn = ?2", accountId, policyArn);
    }

    /** How many users and roles of the account use each policy as their boundary, by policy ARN. */
    public Uni<Map<String, Long>> countsByPolicy(String accountId) {
        return getSession().chain(session -> session.createQuery(
                        "select b.policyArn, count(b) from BoundaryEntity b where b.accountId = ?1 group by b.policyArn",
                        Object[].class).setParameter(1, accountId).getResultList())
                .map(rows -> {
                    Map<String, Long> counts = new HashMap<>();
                    rows.forEach(row -> counts.put((String) row[0], (Long) row[1]));
                    return counts;
                });
    }
}
