package dev.openiam.audit.event.persistence;

import dev.openiam.audit.Records;
import dev.openiam.audit.config.AuditConfig;
import dev.openiam.model.audit.AuditRecord;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Day partitions: made ahead, made on demand for an older day still kept, dropped whole after the retention period. */
@QuarkusTest
class PartitionsTest {

    @Inject
    Partitions partitions;

    @Inject
    EventStore store;

    @Inject
    AuditConfig config;

    @Inject
    Pool pool;

    @Test
    void partitionsExistFromYesterdayToDaysAhead() {
        partitions.maintain().await().indefinitely();

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(partitions.existing().await().indefinitely())
                .contains(today.minusDays(1), today, today.plusDays(1), today.plusDays(2), today.plusDays(3));
    }

    @Test
    void anOlderRecordStillKeptGetsItsDaysPartition() {
        String account = Records.account();
        Instant time = Instant.now().minus(30, ChronoUnit.DAYS);
        AuditRecord record = Records.call(account, "alice", "AKIAALICE", "GetUser", "bob", time, true);

        assertThat(store.store(List.of(record, record)).await().indefinitely()).isEqualTo(1);

        assertThat(partitions.existing().await().indefinitely()).contains(Partitions.day(time));
        assertThat(store.store(List.of(record)).await().indefinitely()).isZero();
    }

    @Test
    void aNewPartitionsResourceIndexesKeepNoPendingList() {
        // GIN's pending list made an insert now and then merge everyone's entries, holding up ingestion (V5)
        Instant time = Instant.now().minus(31, ChronoUnit.DAYS);
        store.store(List.of(Records.call(Records.account(), "alice", "AKIAALICE", "GetUser", "bob", time, true)))
                .await().indefinitely();
        String partition = "events_p" + Partitions.day(time).toString().replace("-", "");

        List<String> options = pool.preparedQuery("select coalesce(array_to_string(c.reloptions, ','), '') from pg_index i "
                        + "join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid "
                        + "join pg_am a on a.oid = c.relam where t.relname = $1 and a.amname = 'gin'")
                .execute(Tuple.of(partition)).await().indefinitely().stream().map(row -> row.getString(0)).toList();
        assertThat(options).containsExactly("fastupdate=off", "fastupdate=off");
    }

    @Test
    void aDayPastRetentionIsDroppedWithItsRecords() {
        // a partition from 200 days ago, made when that day was still kept, with a record in it
        Instant then = Instant.now().minus(200, ChronoUnit.DAYS);
        LocalDate day = Partitions.day(then);
        new Partitions(pool, config, Clock.fixed(then, ZoneOffset.UTC)).ensure(java.util.Set.of(day)).await().indefinitely();
        UUID id = UUID.randomUUID();
        pool.preparedQuery("insert into audit.events (event_id, event_time, account_id, event_name, event_source, read_only, record) "
                + "values ($1, $2, '111122223333', 'GetUser', 'iam.amazonaws.com', true, '{}')")
                .execute(Tuple.of(id, OffsetDateTime.ofInstant(then, ZoneOffset.UTC))).await().indefinitely();
        assertThat(partitions.existing().await().indefinitely()).contains(day);

        Partitions.Maintenance done = partitions.maintain().await().indefinitely();

        assertThat(done.dropped()).contains("events_p" + day.toString().replace("-", ""));
        assertThat(partitions.existing().await().indefinitely()).doesNotContain(day)
                .allSatisfy(kept -> assertThat(kept).isAfterOrEqualTo(Partitions.day(Instant.now().minus(Duration.ofDays(90)))));
        assertThat(pool.preparedQuery("select count(*) from audit.events where event_id = $1").execute(Tuple.of(id))
                .await().indefinitely().iterator().next().getLong(0)).isZero();
    }

    @Test
    void onlyItsOwnPartitionNamesAreDays() {
        assertThat(Partitions.parse("events_p20261205")).isEqualTo(LocalDate.of(2026, 12, 5));
        assertThat(Partitions.parse("events_p2026120")).isNull();
        assertThat(Partitions.parse("events_default")).isNull();
        assertThat(Partitions.parse("events_p20261341")).isNull();
    }

    @Test
    void settingsThatWouldKeepNothingAreRefused() {
        assertThatThrownBy(() -> new Partitions(pool, settings(0, 3), Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retention-days");
        assertThatThrownBy(() -> new Partitions(pool, settings(90, 0), Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partitions-ahead");
        Partitions week = new Partitions(pool, settings(7, 3), Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC));
        assertThat(week.kept(Instant.parse("2026-11-28T12:00:00Z"))).isTrue();
        assertThat(week.kept(Instant.parse("2026-11-28T11:59:59Z"))).isFalse();
    }

    private static AuditConfig settings(int retentionDays, int ahead) {
        return new AuditConfig() {
            @Override
            public int retentionDays() {
                return retentionDays;
            }

            @Override
            public int partitionsAhead() {
                return ahead;
            }

            @Override
            public Duration maintenanceInterval() {
                return Duration.ofHours(1);
            }

            @Override
            public String consumerGroup() {
                return "test";
            }

            @Override
            public int consumerBatch() {
                return 500;
            }
        };
    }
}
