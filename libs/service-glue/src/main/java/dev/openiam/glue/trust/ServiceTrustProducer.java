package dev.openiam.glue.trust;

import dev.openiam.internalauth.ServiceTrust;
import dev.openiam.internalauth.TrustConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This service's own key, its peers' keys and who may call it for what ({@code iam.trust.*}), read once at
 * start (they are files: not on an event loop, and a bad key shows in the log at once).
 */
@ApplicationScoped
public class ServiceTrustProducer {

    @Produces
    @Singleton
    @Startup
    ServiceTrust trust(TrustConfig config, @ConfigProperty(name = "quarkus.application.name") String service) {
        return ServiceTrust.load(service, config);
    }
}
