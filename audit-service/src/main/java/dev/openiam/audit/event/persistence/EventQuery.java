package dev.openiam.audit.event.persistence;

import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/**
 * One page of one account's records, newest first, in a time range, optionally matching one column, after a
 * position (keyset paging on {@code (event_time, event_id)}, which each lookup index ends with).
 *
 * @param filter     which column to match, or {@code null} for every record
 * @param value      the value to match: a {@code UUID}, {@code Boolean} or {@code String} as the filter's column holds
 * @param afterTime  with {@code afterId}, the last record of the previous page; {@code null} for the first page
 * @param limit      how many rows to read (one more than a page, to know whether another follows)
 */
public record EventQuery(String accountId, Filter filter, Object value, Instant start, Instant end, Instant afterTime,
                         UUID afterId, int limit) {

    /** The columns a lookup may match, each the way its index serves it. */
    public enum Filter {
        EVENT_ID("event_id = $6"),
        EVENT_NAME("event_name = $6"),
        READ_ONLY("read_only = $6"),
        USERNAME("username = $6"),
        RESOURCE_TYPE("resource_types @> array[$6::text]"),
        RESOURCE_NAME("resource_names @> array[$6::text]"),
        EVENT_SOURCE("event_source = $6"),
        ACCESS_KEY_ID("access_key_id = $6");

        private final String condition;

        Filter(String condition) {
            this.condition = condition;
        }
    }

    public EventQuery {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if ((filter == null) != (value == null)) {
            throw new IllegalArgumentException("a filter needs a value");
        }
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit " + limit);
        }
        if ((afterTime == null) != (afterId == null)) {
            throw new IllegalArgumentException("a position needs a time and an id");
        }
    }

    String sql() {
        // $1 account, $2 start, $3 end, $4 and $5 the position after which the page starts, $6 the filter's value
        return "select event_id, event_time, record from audit.events where account_id = $1 and event_time >= $2 "
                + "and event_time <= $3 and ($4::timestamptz is null or (event_time, event_id) < ($4::timestamptz, $5::uuid))"
                + (filter == null ? "" : " and " + filter.condition)
                + " order by event_time desc, event_id desc limit " + limit;
    }

    Tuple parameters() {
        Tuple tuple = Tuple.tuple()
                .addString(accountId)
                .addOffsetDateTime(utc(start))
                .addOffsetDateTime(utc(end))
                .addOffsetDateTime(afterTime == null ? null : utc(afterTime))
                .addUUID(afterId);
        return filter == null ? tuple : tuple.addValue(value);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
