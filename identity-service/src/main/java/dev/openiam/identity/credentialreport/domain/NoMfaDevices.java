package dev.openiam.identity.credentialreport.domain;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** Until virtual MFA devices are served, no principal has one. */
@ApplicationScoped
public class NoMfaDevices implements MfaStatus {

    @Override
    public Uni<Set<String>> withActiveMfa(String accountId) {
        return Uni.createFrom().item(Set.of());
    }
}
