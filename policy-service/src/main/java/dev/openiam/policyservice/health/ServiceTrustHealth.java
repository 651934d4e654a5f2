package dev.openiam.policyservice.health;

import dev.openiam.internalauth.ServiceTrust;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready without a usable own key and peers' keys: every forwarded IAM call and every internal decision
 * request would be refused and no principal snapshot could be read, so a load balancer should send none.
 * (The datasource has its own check.)
 */
@Readiness
@ApplicationScoped
public class ServiceTrustHealth implements HealthCheck {

    private final ServiceTrust trust;

    public ServiceTrustHealth(ServiceTrust trust) {
        this.trust = trust;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("service-trust").status(trust.usable());
        trust.problem().ifPresent(problem -> response.withData("problem", problem));
        return response.build();
    }
}
