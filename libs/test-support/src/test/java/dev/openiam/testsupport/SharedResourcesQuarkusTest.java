package dev.openiam.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The resources the way a service's tests use them: declared once, applying to every @QuarkusTest. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class SharedResourcesQuarkusTest {

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String pgUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String pgUser;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void theApplicationSeesTheSharedServers() {
        assertThat(pgUrl).isEqualTo(TestPostgres.get().reactiveUrl());
        assertThat(pgUser).isEqualTo(TestPostgres.get().username());
        assertThat(kafka).isEqualTo(TestKafka.bootstrapServers());
    }
}
