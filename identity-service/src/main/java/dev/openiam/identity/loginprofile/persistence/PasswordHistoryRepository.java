package dev.openiam.identity.loginprofile.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class PasswordHistoryRepository implements PanacheRepositoryBase<PasswordHistoryEntity, Long> {

    /** The principal's last {@code count} password hashes, newest first. */
    public Uni<List<String>> latest(String principalId, int count) {
        return find("principalId = ?1 order by changedAt desc, id desc", principalId).range(0, count - 1).list()
                .map(rows -> rows.stream().map(row -> row.passwordHash).toList());
    }

    /** Keeps the newest {@code keep} hashes of the principal. */
    public Uni<Integer> trim(String principalId, int keep) {
        return getSession().chain(session -> session.createNativeQuery("delete from identity.password_history where principal_id = ?1 "
                        + "and id not in (select id from identity.password_history where principal_id = ?1 order by changed_at desc, id desc limit ?2)")
                .setParameter(1, principalId).setParameter(2, keep).executeUpdate());
    }
}
