package dev.openiam.testsupport;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * How to reach a PostgreSQL database: what the test resources hand to Quarkus, and what a test can
 * use to look at tables directly over JDBC.
 *
 * @param host     host name or address
 * @param port     TCP port
 * @param database database name
 * @param username role to log in as
 * @param password its password (ignored by servers that trust local connections)
 */
public record PgConnectionInfo(String host, int port, String database, String username, String password) {

    /** The form {@code quarkus.datasource.reactive.url} takes: {@code postgresql://host:port/db}. */
    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    /** {@code jdbc:postgresql://host:port/db}, for tests that inspect the database with the JDBC driver. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /**
     * Opens a JDBC connection, for tests that look at tables directly. Goes to the driver itself
     * rather than through {@code DriverManager}, which refuses a driver that a Quarkus test's class
     * loader registered ("No suitable driver") once plain and Quarkus tests share a JVM.
     */
    public Connection openJdbcConnection() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", username);
        props.setProperty("password", password);
        Connection connection = new org.postgresql.Driver().connect(jdbcUrl(), props);
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver rejected " + jdbcUrl());
        }
        return connection;
    }

    /** The Quarkus configuration that points a reactive datasource at this database. */
    public Map<String, String> quarkusConfig() {
        return Map.of(
                "quarkus.datasource.reactive.url", reactiveUrl(),
                "quarkus.datasource.username", username,
                "quarkus.datasource.password", password);
    }

    /**
     * Parses {@code postgresql://user:password@host:port/db} (also {@code postgres://}); the port
     * defaults to 5432, user and password may be percent-encoded.
     *
     * @throws IllegalArgumentException if the text is not of that form
     */
    public static PgConnectionInfo parse(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a postgresql url: `" + redact(url) + "`", e);
        }
        String scheme = uri.getScheme();
        if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
            throw new IllegalArgumentException("expected postgresql://user:password@host:port/db, got `" + redact(url) + "`");
        }
        String host = uri.getHost();
        String path = uri.getPath();
        if (host == null || path == null || path.length() < 2) {
            throw new IllegalArgumentException("expected postgresql://user:password@host:port/db, got `" + redact(url) + "`");
        }
        String userInfo = uri.getRawUserInfo();
        String user = "postgres";
        String password = "";
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        }
        return new PgConnectionInfo(host, uri.getPort() > 0 ? uri.getPort() : 5432, path.substring(1), user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Error messages must not echo a password that came from the environment. */
    private static String redact(String url) {
        return url.replaceAll("//([^:/@]*):[^@]*@", "//$1:***@");
    }

    @Override
    public String toString() {
        return "PgConnectionInfo[" + username + "@" + host + ":" + port + "/" + database + "]";
    }
}
