package dev.openiam.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/** The running system's PostgreSQL, read directly: what the tests count and compare the APIs' answers against. */
final class Database {

    private Database() {
    }

    /** A connection to the system's database as its owner (the password iam-local generated). */
    static Connection open() throws SQLException {
        Map<String, String> env = LocalSystem.get().clientEnvironment();
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + env.get("IAM_PG_PORT") + "/iam", "postgres",
                env.get("IAM_LOCAL_PG_PASSWORD"));
    }
}
