package dev.openiam.audit.health;

import dev.openiam.audit.event.messaging.AuditRecordConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/**
 * Ready while the consumer of {@code iam.audit.v1} runs and keeps polling (it polls every second, also while it waits
 * for the database): a replica whose consumer stopped or hangs is taken out of service. How far behind it is shows in
 * the metrics ({@code iam_audit_ingest_delay_seconds}).
 */
@Readiness
@ApplicationScoped
public class AuditConsumerHealth implements HealthCheck {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    private final AuditRecordConsumer consumer;

    public AuditConsumerHealth(AuditRecordConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("audit-consumer").status(consumer.polling(WITHIN))
                .withData("stored", consumer.stored()).withData("malformed", consumer.malformed()).build();
    }
}
