package dev.openiam.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Logger;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server of a test JVM, started on first use and stopped when the JVM exits.
 *
 * <p>The first of these that applies is used:
 * <ol>
 *   <li>the server named by environment variable {@code IAM_TEST_PG_URL} (or system property
 *       {@code iam.test.pg.url}), of the form {@code postgresql://user:password@host:port/db}; it is
 *       neither started nor stopped;</li>
 *   <li>a Testcontainers container ({@code postgres:17-alpine}) when a Docker engine answers, unless
 *       {@code IAM_TEST_DOCKER=false};</li>
 *   <li>embedded PostgreSQL (zonky), with its binaries and data under the module's {@code target/}.</li>
 * </ol>
 */
public final class TestPostgres {

    /** Environment variable naming an existing server. */
    public static final String ENV_URL = "IAM_TEST_PG_URL";

    static final String PG_IMAGE = "postgres:17-alpine";

    /*
     * Quarkus may load this class more than once (one class loader per application start), so the
     * "already started" marker lives in a system property, which the whole JVM shares, and the lock
     * is an interned string literal, which is one object across class loaders.
     */
    private static final String SHARED_PROPERTY = "iamtest.test-support.postgres.url";
    private static final String LOCK = "dev.openiam.testsupport.TestPostgres";

    private static final Logger LOG = Logger.getLogger(TestPostgres.class.getName());

    private TestPostgres() {
    }

    /** Starts the server if this JVM has none yet, and tells how to reach it. */
    public static PgConnectionInfo get() {
        synchronized (LOCK) {
            String shared = System.getProperty(SHARED_PROPERTY);
            if (shared != null) {
                return PgConnectionInfo.parse(shared);
            }
            PgConnectionInfo info = locateOrStart();
            System.setProperty(SHARED_PROPERTY, toUrl(info));
            return info;
        }
    }

    private static PgConnectionInfo locateOrStart() {
        String url = Settings.get(ENV_URL, "iam.test.pg.url");
        if (url != null) {
            PgConnectionInfo info = PgConnectionInfo.parse(url);
            LOG.info(() -> "tests use the PostgreSQL server named by " + ENV_URL + ": " + info);
            return info;
        }
        if (DockerProbe.dockerAvailable()) {
            return startContainer();
        }
        return startEmbedded();
    }

    @SuppressWarnings("resource") // stopped by the shutdown hook
    private static PgConnectionInfo startContainer() {
        PostgreSQLContainer container = new PostgreSQLContainer(PG_IMAGE);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "iam-test-postgres-stop"));
        PgConnectionInfo info = new PgConnectionInfo(container.getHost(), container.getMappedPort(5432),
                container.getDatabaseName(), container.getUsername(), container.getPassword());
        LOG.info(() -> "tests use a PostgreSQL container: " + info);
        return info;
    }

    private static PgConnectionInfo startEmbedded() {
        WorkDirectories.ensureTmpDirExists();
        Path dir = WorkDirectories.fresh("postgres");
        EmbeddedPostgres pg;
        try {
            pg = EmbeddedPostgres.builder()
                    // binaries are unpacked once per module and reused by later runs
                    .setOverrideWorkingDirectory(WorkDirectories.base().resolve("pg-binaries").toFile())
                    .setDataDirectory(dir.resolve("data"))
                    .setCleanDataDirectory(true)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // PostgreSQL's default socket directory is /tmp; TCP is all the tests need
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("fsync", "off")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // our hook below stops it; zonky's own hook would race with it
                    .setRegisterShutdownHook(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start (data in " + dir + ")", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
                java.nio.file.Files.deleteIfExists(dir); // zonky removed the data directory inside it
            } catch (IOException e) {
                LOG.warning("embedded PostgreSQL did not stop cleanly: " + e);
            }
        }, "iam-test-postgres-stop"));
        // zonky's initdb trusts local TCP connections, so any password is accepted
        PgConnectionInfo info = new PgConnectionInfo("127.0.0.1", pg.getPort(), "postgres", "postgres", "postgres");
        LOG.info(() -> "tests use embedded PostgreSQL: " + info + ", data in " + dir);
        return info;
    }

    private static String toUrl(PgConnectionInfo info) {
        return "postgresql://" + encode(info.username()) + ":" + encode(info.password()) + "@"
                + info.host() + ":" + info.port() + "/" + info.database();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
