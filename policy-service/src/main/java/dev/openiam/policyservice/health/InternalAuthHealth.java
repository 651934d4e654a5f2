package dev.openiam.policyservice.health;

import dev.openiam.policyservice.internal.InternalJwtVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;


/**
 * Not ready while no usable internal JWT secret is configured: every forwarded IAM call and every decision
 * request would be refused, so a load balancer should not send any. (The datasource has its own check.)
 */
@Readiness
@ApplicationScoped
public class InternalAuthHealth implements HealthCheck {

    private final InternalJwtVerifier tokens;

    public InternalAuthHealth(InternalJwtVerifier tokens) {
        this.tokens = tokens;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("internal-jwt-secret").status(tokens.usable()).build();
    }
}
