package dev.openiam.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresTestResourceTest {

    @Test
    void startsARealServerThatAnswersSql() throws Exception {
        Map<String, String> config = new PostgresTestResource().start();

        String url = config.get("quarkus.datasource.reactive.url");
        assertThat(url).startsWith("postgresql://");
        PgConnectionInfo info = new PgConnectionInfo(TestPostgres.get().host(), TestPostgres.get().port(),
                TestPostgres.get().database(), config.get("quarkus.datasource.username"),
                config.get("quarkus.datasource.password"));
        assertThat(info.reactiveUrl()).isEqualTo(url);
        try (Connection c = info.openJdbcConnection();
                Statement s = c.createStatement()) {
            s.execute("create table if not exists probe (id int primary key, name text)");
            s.execute("insert into probe values (1, 'alice') on conflict do nothing");
            try (ResultSet rs = s.executeQuery("select name, current_setting('server_version_num')::int from probe where id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("alice");
                assertThat(rs.getInt(2)).isGreaterThanOrEqualTo(150000);
            }
        }
    }

    @Test
    void everyStartInTheJvmGetsTheSameServer() {
        assertThat(new PostgresTestResource().start()).isEqualTo(new PostgresTestResource().start());
        assertThat(TestPostgres.get().reactiveUrl())
                .isEqualTo(new PostgresTestResource().start().get("quarkus.datasource.reactive.url"));
    }
}
