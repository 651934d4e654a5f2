package dev.openiam.glue.trust;

import dev.openiam.internalauth.ServiceTrust;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready without a usable own key and peers' keys: nothing would be forwarded or decided, and every snapshot
 * and authentication request of another service would be refused.
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
