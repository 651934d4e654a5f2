package dev.openiam.policyservice.decision;

import dev.openiam.model.event.PolicyEvent;
import dev.openiam.policyservice.messaging.EventFollower;
import dev.openiam.policyservice.observability.ProjectionMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Feeds {@code iam.policy.v1} (every replica's writes) into this replica's cache invalidation. */
@ApplicationScoped
public class PolicyEventConsumer {

    private final EventFollower follower;

    public PolicyEventConsumer(PolicySetCache cache, ProjectionMetrics metrics,
                               @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.follower = new EventFollower(PolicyEvent.TOPIC, bootstrapServers,
                metrics.timing(PolicyEvent.TOPIC, cache::apply), cache::listening);
        metrics.follow(PolicyEvent.TOPIC, follower);
    }

    void start(@Observes StartupEvent event) {
        follower.start();
    }

    void stop(@Observes ShutdownEvent event) {
        follower.close();
    }
}
