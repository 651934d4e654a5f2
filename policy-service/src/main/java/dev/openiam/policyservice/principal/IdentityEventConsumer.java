package dev.openiam.policyservice.principal;

import dev.openiam.model.event.IdentityEvent;
import dev.openiam.policyservice.messaging.EventFollower;
import dev.openiam.policyservice.observability.ProjectionMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Feeds {@code iam.identity.v1} into this replica's projection. A missed event shows up as a revision
 * gap, which reloads the account; (re)joining the topic forgets everything, accounts reload on use.
 */
@ApplicationScoped
public class IdentityEventConsumer {

    private final EventFollower follower;

    public IdentityEventConsumer(IdentityProjection projection, ProjectionMetrics metrics,
                                 @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.follower = new EventFollower(IdentityEvent.TOPIC, bootstrapServers,
                metrics.timing(IdentityEvent.TOPIC, projection::apply), projection::listening);
        metrics.follow(IdentityEvent.TOPIC, follower);
    }

    void start(@Observes StartupEvent event) {
        follower.start();
    }

    void stop(@Observes ShutdownEvent event) {
        follower.close();
    }
}
