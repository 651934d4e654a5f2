package dev.openiam.glue.warmup;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the warm-up at start runs ({@link WarmUp}). */
@Readiness
@ApplicationScoped
public class WarmUpHealth implements HealthCheck {

    private final WarmUp warmUp;

    public WarmUpHealth(WarmUp warmUp) {
        this.warmUp = warmUp;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("warm-up").status(warmUp.done()).withData("requests", warmUp.sent()).build();
    }
}
