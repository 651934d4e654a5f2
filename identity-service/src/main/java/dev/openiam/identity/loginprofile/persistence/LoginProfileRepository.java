package dev.openiam.identity.loginprofile.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class LoginProfileRepository implements PanacheRepositoryBase<LoginProfileEntity, String> {

    public Uni<List<LoginProfileEntity>> ofAccount(String accountId) {
        return list("accountId", accountId);
    }
}
