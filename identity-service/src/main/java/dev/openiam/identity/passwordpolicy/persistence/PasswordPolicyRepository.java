package dev.openiam.identity.passwordpolicy.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class PasswordPolicyRepository implements PanacheRepositoryBase<PasswordPolicyEntity, String> {
}
