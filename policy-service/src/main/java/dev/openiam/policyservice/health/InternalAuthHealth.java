package dev.openiam.policyservice.health;

import dev.openiam.policyservice.config.PolicyConfig;
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

    private final PolicyConfig config;

    public InternalAuthHealth(PolicyConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        boolean usable = config.internalJwt().secret().map(InternalAuthHealth::decodedLength).orElse(0) >= 32;
        return HealthCheckResponse.named("internal-jwt-secret").status(usable).build();
    }

    private static int decodedLength(String base64) {
        byte[] secret = InternalJwtVerifier.decode(base64);
        return secret == null ? 0 : secret.length;
    }
}
