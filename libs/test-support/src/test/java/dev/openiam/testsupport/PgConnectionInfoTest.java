package dev.openiam.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PgConnectionInfoTest {

    @Test
    void parsesEveryPart() {
        PgConnectionInfo info = PgConnectionInfo.parse("postgresql://iam:s3cret@db.example:6543/iamdb");

        assertThat(info).isEqualTo(new PgConnectionInfo("db.example", 6543, "iamdb", "iam", "s3cret"));
        assertThat(info.reactiveUrl()).isEqualTo("postgresql://db.example:6543/iamdb");
        assertThat(info.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/iamdb");
        assertThat(info.quarkusConfig()).containsOnly(
                org.assertj.core.api.Assertions.entry("quarkus.datasource.reactive.url", "postgresql://db.example:6543/iamdb"),
                org.assertj.core.api.Assertions.entry("quarkus.datasource.username", "iam"),
                org.assertj.core.api.Assertions.entry("quarkus.datasource.password", "s3cret"));
    }

    @Test
    void defaultsThePortAndDecodesCredentials() {
        PgConnectionInfo info = PgConnectionInfo.parse("postgres://us%40er:p%3Aa+ss%20w@127.0.0.1/iam");

        assertThat(info.port()).isEqualTo(5432);
        assertThat(info.username()).isEqualTo("us@er");
        assertThat(info.password()).isEqualTo("p:a+ss w");
    }

    @Test
    void rejectsOtherFormsWithoutEchoingThePassword() {
        assertThatThrownBy(() -> PgConnectionInfo.parse("mysql://u:topsecret@h:1/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postgresql://user:password@host:port/db")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> PgConnectionInfo.parse("postgresql://u:p@h:1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringLeavesThePasswordOut() {
        assertThat(new PgConnectionInfo("h", 1, "d", "u", "topsecret").toString()).doesNotContain("topsecret");
    }
}
