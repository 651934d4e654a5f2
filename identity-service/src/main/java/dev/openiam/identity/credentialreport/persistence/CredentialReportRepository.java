package dev.openiam.identity.credentialreport.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class CredentialReportRepository implements PanacheRepositoryBase<CredentialReportEntity, String> {
}
