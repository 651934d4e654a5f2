package dev.openiam.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Runs PostgreSQL (the binaries shipped in zonky's jars) with a data directory that outlives it, until
 * this process is told to stop (SIGTERM / Ctrl-C), then shuts PostgreSQL down cleanly.
 *
 * <p>Configured by system properties, which the {@code iam-local} script sets:
 * <ul>
 *   <li>{@code iam.pg.dir} — home of the data directory ({@code data/}) and the unpacked binaries;</li>
 *   <li>{@code iam.pg.port} — TCP port, on 127.0.0.1 only;</li>
 *   <li>{@code iam.pg.password-file} — file holding the password of role {@code postgres};</li>
 *   <li>{@code iam.pg.databases} — comma-separated databases to create if missing;</li>
 *   <li>{@code iam.pg.ready-file} — written once the databases exist, removed on stop.</li>
 * </ul>
 *
 * <p>On the first start zonky's initdb trusts every local connection; this launcher then gives
 * {@code postgres} its password and switches TCP connections to password authentication, so that
 * other users of the machine cannot walk in. Later starts log in with the password.
 */
public final class LocalPostgres {

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private LocalPostgres() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(required("iam.pg.dir")).toAbsolutePath();
        int port = Integer.parseInt(required("iam.pg.port"));
        String password = Files.readString(Path.of(required("iam.pg.password-file")), StandardCharsets.UTF_8).trim();
        List<String> databases = List.of(required("iam.pg.databases").split(","));
        Path readyFile = Path.of(required("iam.pg.ready-file"));
        for (String db : databases) {
            if (!DATABASE_NAME.matcher(db).matches()) {
                throw new IllegalArgumentException("database name `" + db + "` must match " + DATABASE_NAME);
            }
        }
        Files.deleteIfExists(readyFile);

        Path data = home.resolve("data");
        boolean firstStart = !Files.exists(data.resolve("PG_VERSION"));
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(home.resolve("runtime").toFile())
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                // TCP only: the default socket directory (/tmp) is shared with other PostgreSQL servers
                .setServerConfig("unix_socket_directories", "")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setRegisterShutdownHook(false);
        if (!firstStart) {
            // zonky checks that the server is up by logging in; after the first start that needs the password
            builder.setConnectConfig("password", password);
        }
        EmbeddedPostgres pg = builder.start();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(readyFile);
                pg.close();
                System.out.println("PostgreSQL stopped");
            } catch (IOException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e);
            } finally {
                stopped.countDown();
            }
        }, "postgres-stop"));

        DataSource admin = pg.getPostgresDatabase(firstStart ? java.util.Map.of() : java.util.Map.of("password", password));
        try (Connection c = admin.getConnection()) {
            if (firstStart) {
                requirePasswords(c, data, password);
            }
            for (String db : databases) {
                createDatabaseIfMissing(c, db);
            }
        }
        Files.writeString(readyFile, "127.0.0.1:" + port + System.lineSeparator(), StandardCharsets.UTF_8);
        System.out.println("PostgreSQL ready on 127.0.0.1:" + port + ", databases " + databases + ", data in " + data);
        stopped.await();
    }

    /** Sets the password of {@code postgres} and makes TCP logins require it (SCRAM), then reloads. */
    static void requirePasswords(Connection c, Path data, String password) throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            // a literal, not a bind parameter: ALTER ROLE takes none; the password is ours (base64url), so no quote in it
            if (password.contains("'")) {
                throw new IllegalArgumentException("the database password must not contain a quote");
            }
            s.execute("ALTER ROLE postgres PASSWORD '" + password + "'");
        }
        Path hba = data.resolve("pg_hba.conf");
        Files.writeString(hba, String.join(System.lineSeparator(),
                "# written by iam-local: TCP from this machine only, with a password",
                "# TYPE  DATABASE  USER  ADDRESS       METHOD",
                "host    all       all   127.0.0.1/32  scram-sha-256",
                "host    all       all   ::1/128       scram-sha-256",
                ""), StandardCharsets.UTF_8);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_reload_conf()")) {
            rs.next();
        }
    }

    static void createDatabaseIfMissing(Connection c, String db) throws SQLException {
        try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, db);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (Statement s = c.createStatement()) {
            // the name was checked against DATABASE_NAME, so it needs no quoting
            s.execute("CREATE DATABASE " + db + " ENCODING 'UTF8'");
            System.out.println("created database " + db);
        }
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("system property " + property + " is required");
        }
        return value;
    }

}
