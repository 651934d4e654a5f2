package dev.openiam.identity.loginprofile.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class PasswordLastUsedRepository implements PanacheRepositoryBase<PasswordLastUsedEntity, String> {

    public Uni<List<PasswordLastUsedEntity>> ofAccount(String accountId) {
        return list("accountId", accountId);
    }
}
