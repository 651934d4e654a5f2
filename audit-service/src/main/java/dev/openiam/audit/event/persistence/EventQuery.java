package dev.openiam.audit.event.persistence;

import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One page of one account's records, newest first, in a time range, matching every given column, after a position
 * (keyset paging on {@code (event_time, event_id)}, which each lookup index ends with).
 *
 * @param filters    the columns to match, each with its value: a {@code UUID}, {@code Boolean} or {@code String} as the
 *                   column holds; empty for every record
 * @param afterTime  with {@code afterId}, the last record of the previous page; {@code null} for the first page
 * @param limit      how many rows to read (one more than a page, to know whether another follows)
 */
public record EventQuery(String accountId, Map<Filter, Object> filters, Instant start, Instant end, Instant afterTime,
                         UUID afterId, int limit) {

    /** The columns a lookup may match, each the way its index serves it ({@code ?}: the value). */
    public enum Filter {
        EVENT_ID("event_id = ?"),
        EVENT_NAME("event_name = ?"),
        READ_ONLY("read_only = ?"),
        USERNAME("username = ?"),
        RESOURCE_TYPE("resource_types @> array[?::text]"),
        RESOURCE_NAME("resource_names @> array[?::text]"),
        EVENT_SOURCE("event_source = ?"),
        ACCESS_KEY_ID("access_key_id = ?"),
        ERROR_CODE("error_code = ?"),
        /** the caller by user name (or session name) or by ARN */
        PRINCIPAL("? in (username, principal_arn)");

        private final String condition;

        Filter(String condition) {
            this.condition = condition;
        }
    }

    /** A lookup on one column ({@code filter} {@code null}: none). */
    public static EventQuery of(String accountId, Filter filter, Object value, Instant start, Instant end, Instant afterTime,
                                UUID afterId, int limit) {
        if ((filter == null) != (value == null)) {
            throw new IllegalArgumentException("a filter needs a value");
        }
        Map<Filter, Object> filters = new EnumMap<>(Filter.class);
        if (filter != null) {
            filters.put(filter, value);
        }
        return new EventQuery(accountId, filters, start, end, afterTime, afterId, limit);
    }

    public EventQuery {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        filters = filters.isEmpty() ? Map.of() : new EnumMap<>(filters);
        if (filters.values().stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("a filter needs a value");
        }
        if (limit < 1 || limit > 1001) {
            throw new IllegalArgumentException("limit " + limit);
        }
        if ((afterTime == null) != (afterId == null)) {
            throw new IllegalArgumentException("a position needs a time and an id");
        }
    }

    String sql() {
        // $1 account, $2 start, $3 end, $4 and $5 the position after which the page starts, $6… the filters' values
        StringBuilder sql = new StringBuilder("select event_id, event_time, record from audit.events where account_id = $1 "
                + "and event_time >= $2 and event_time <= $3 and ($4::timestamptz is null or (event_time, event_id) < "
                + "($4::timestamptz, $5::uuid))");
        return sql.append(conditions(filters.keySet(), 6)).append(" order by event_time desc, event_id desc limit ").append(limit).toString();
    }

    /** {@code " and "} each filter's condition, their values numbered from {@code $first}. */
    static String conditions(Iterable<Filter> filters, int first) {
        StringBuilder sql = new StringBuilder();
        int parameter = first;
        for (Filter filter : filters) {
            sql.append(" and ").append(filter.condition.replace("?", "$" + parameter++));
        }
        return sql.toString();
    }

    Tuple parameters() {
        Tuple tuple = Tuple.tuple()
                .addString(accountId)
                .addOffsetDateTime(utc(start))
                .addOffsetDateTime(utc(end))
                .addOffsetDateTime(afterTime == null ? null : utc(afterTime))
                .addUUID(afterId);
        filters.values().forEach(tuple::addValue);
        return tuple;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
