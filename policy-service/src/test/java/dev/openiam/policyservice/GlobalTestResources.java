package dev.openiam.policyservice;

import dev.openiam.testsupport.KafkaTestResource;
import dev.openiam.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * Real PostgreSQL and Kafka for every Quarkus test of this module (from the environment, Docker, or embedded),
 * and the test-only stand-in for identity-service's principal snapshots.
 */
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(IdentityStandIn.class)
public final class GlobalTestResources {

    private GlobalTestResources() {
    }
}
