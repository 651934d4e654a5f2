package dev.openiam.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a Quarkus test's reactive datasource at the PostgreSQL server of {@link TestPostgres}.
 *
 * <p>Use on one test class of a module: {@code @QuarkusTestResource(PostgresTestResource.class)}
 * (applies to every {@code @QuarkusTest} of the module), or per class with
 * {@code @WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)}.
 * Supplies {@code quarkus.datasource.reactive.url} ({@code postgresql://host:port/db}),
 * {@code quarkus.datasource.username} and {@code quarkus.datasource.password}.
 *
 * <p>The server is shared by every Quarkus application the test JVM starts and is stopped when the
 * JVM exits, so {@link #stop()} leaves it running: restarting PostgreSQL between test classes would
 * cost seconds and gain nothing, since tests must not depend on an empty database anyway.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return TestPostgres.get().quarkusConfig();
    }

    @Override
    public void stop() {
        // shared for the whole JVM; see the class comment
    }
}
