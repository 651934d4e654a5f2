package dev.openiam.glue.audit;

import io.vertx.sqlclient.DatabaseException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class AuditedWritesTest {

    private static DatabaseException failure(String sqlState) {
        return new DatabaseException("from PostgreSQL", 0, sqlState) {
        };
    }

    @Test
    void onlyAUniqueViolationAnywhereInTheCausesIsOne() {
        assertThat(AuditedWrites.isUniqueViolation(failure("23505"))).isTrue();
        assertThat(AuditedWrites.isUniqueViolation(
                new CompletionException(new IllegalStateException(failure("23505"))))).isTrue();
        // a foreign key, a serialization failure, no database at all
        assertThat(AuditedWrites.isUniqueViolation(failure("23503"))).isFalse();
        assertThat(AuditedWrites.isUniqueViolation(failure("40001"))).isFalse();
        assertThat(AuditedWrites.isUniqueViolation(new IllegalStateException("23505"))).isFalse();
    }
}
