package dev.openiam.audit.stream.domain;

import dev.openiam.audit.event.persistence.EventQuery;
import dev.openiam.audit.event.persistence.EventStore;
import dev.openiam.audit.event.persistence.Partitions;
import dev.openiam.audit.lookup.domain.NextToken;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code GET /v1/events}: one account's records, newest first, matching every filter given at once (LookupEvents takes
 * one), in a time range, a page at a time (up to 1,000 records).
 */
@ApplicationScoped
public class EventSearch {

    public static final int DEFAULT_MAX_RESULTS = 50;
    public static final int MAX_RESULTS = 1000;

    /** One page: the records' CloudTrail JSON, and the token of the next page or {@code null}. */
    public record Page(List<String> events, String nextToken) {
    }

    private final EventStore store;
    private final Partitions partitions;
    private final Clock clock = Clock.systemUTC();

    public EventSearch(EventStore store, Partitions partitions) {
        this.store = store;
        this.partitions = partitions;
    }

    public Uni<Page> search(EventFilter filter, String startTime, String endTime, String maxResults, String nextToken) {
        Instant start = time("startTime", startTime);
        Instant end = time("endTime", endTime);
        if (start != null && end != null && start.isAfter(end)) {
            throw new IamException(ErrorCode.INVALID_TIME_RANGE, "`startTime` must not be after `endTime`");
        }
        int size = size(maxResults);
        String lookup = NextToken.digest(filter.toString(), String.valueOf(start), String.valueOf(end));
        NextToken after = nextToken == null ? null : NextToken.decode(nextToken, lookup, ErrorCode.INVALID_NEXT_TOKEN);
        Instant from = start == null ? partitions.keptFrom() : start;
        Instant to = end == null ? clock.instant() : end;
        if (from.isAfter(to)) {
            return Uni.createFrom().item(new Page(List.of(), null));
        }
        EventQuery query = new EventQuery(filter.accountId(), filter.columns(), from, to,
                after == null ? null : after.afterTime(), after == null ? null : after.afterId(), size + 1);
        return store.find(query).map(rows -> {
            boolean more = rows.size() > size;
            List<EventStore.StoredEvent> page = more ? rows.subList(0, size) : rows;
            EventStore.StoredEvent last = page.isEmpty() ? null : page.get(page.size() - 1);
            return new Page(page.stream().map(EventStore.StoredEvent::json).toList(),
                    more ? new NextToken(last.eventTime(), last.eventId(), lookup).encode() : null);
        });
    }

    private static Instant time(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IamException(ErrorCode.INVALID_INPUT, "`" + name + "` must be an ISO 8601 time such as 2026-01-31T12:00:00Z");
        }
    }

    private static int size(String value) {
        if (value == null) {
            return DEFAULT_MAX_RESULTS;
        }
        try {
            int size = Integer.parseInt(value);
            if (size >= 1 && size <= MAX_RESULTS) {
                return size;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IamException(ErrorCode.INVALID_MAX_RESULTS, "`maxResults` must be between 1 and " + MAX_RESULTS);
    }
}
