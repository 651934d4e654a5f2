package dev.openiam.sts;

import dev.openiam.testsupport.KafkaTestResource;
import dev.openiam.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Real PostgreSQL and Kafka for every Quarkus test of this module (from the environment, Docker, or embedded). */
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
public final class GlobalTestResources {

    private GlobalTestResources() {
    }
}
