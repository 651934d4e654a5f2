package dev.openiam.audit.lookup.domain;

import dev.openiam.audit.event.persistence.EventQuery;
import dev.openiam.audit.event.persistence.EventStore;
import dev.openiam.audit.event.persistence.Partitions;
import dev.openiam.audit.logfiles.LogFileWriter;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.audit.AuditCodec;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * LookupEvents and ListPublicKeys over the stored records. Every lookup is confined to one account, the caller's;
 * what the caller asked for only narrows it. Callers must have been authenticated and authorized before.
 */
@ApplicationScoped
public class LookupService {

    private final EventStore store;
    private final Partitions partitions;
    private final LogFileWriter logFiles;
    private final Clock clock;

    public LookupService(EventStore store, Partitions partitions, LogFileWriter logFiles) {
        this.store = store;
        this.partitions = partitions;
        this.logFiles = logFiles;
        this.clock = Clock.systemUTC();
    }

    public Uni<LookupPage> lookup(String accountId, LookupEventsRequest request) {
        String lookup = NextToken.digest(accountId, request.attribute() == null ? "-" : request.attribute().key(),
                request.value(), String.valueOf(request.startTime()), String.valueOf(request.endTime()),
                String.valueOf(request.insight()));
        NextToken after = request.nextToken() == null ? null
                : NextToken.decode(request.nextToken(), lookup, ErrorCode.INVALID_NEXT_TOKEN);
        Object value = request.attribute() == null ? null : request.attribute().read(request.value());
        if (request.insight() || (request.attribute() != null && value == null)) {
            // no Insights events are recorded; an EventId that is no event id names none
            return Uni.createFrom().item(new LookupPage(List.of(), null));
        }
        Instant end = request.endTime() == null ? clock.instant() : request.endTime();
        Instant start = request.startTime() == null ? partitions.keptFrom() : request.startTime();
        if (start.isAfter(end)) {
            // a StartTime given alone, in the future: nothing can match
            return Uni.createFrom().item(new LookupPage(List.of(), null));
        }
        EventQuery query = EventQuery.of(accountId, request.attribute() == null ? null : request.attribute().filter(), value,
                start, end, after == null ? null : after.afterTime(), after == null ? null : after.afterId(),
                request.maxResults() + 1);
        return store.find(query).map(rows -> {
            boolean more = rows.size() > request.maxResults();
            List<EventStore.StoredEvent> page = more ? rows.subList(0, request.maxResults()) : rows;
            List<LookupPage.Found> found = new ArrayList<>(page.size());
            page.forEach(row -> found.add(new LookupPage.Found(AuditCodec.fromJson(row.json()), row.json())));
            EventStore.StoredEvent last = page.isEmpty() ? null : page.get(page.size() - 1);
            return new LookupPage(found, more ? new NextToken(last.eventTime(), last.eventId(), lookup).encode() : null);
        });
    }

    /**
     * ListPublicKeys: the keys that sign digest files in a time range (StartTime and EndTime default to now): the
     * digest key, valid from when it was made until now (it is still in use), when log files are written.
     */
    public Uni<List<PublicKey>> publicKeys(Instant start, Instant end, String nextToken) {
        if (start != null && end != null && start.isAfter(end)) {
            return Uni.createFrom().failure(new IamException(ErrorCode.INVALID_TIME_RANGE, "the StartTime must not be after the EndTime"));
        }
        if (nextToken != null) {
            return Uni.createFrom().failure(new IamException(ErrorCode.INVALID_TOKEN, "the NextToken is not valid"));
        }
        Instant now = clock.instant();
        Instant from = start == null ? now : start;
        Instant to = end == null ? now : end;
        return Uni.createFrom().item(logFiles.key()
                .filter(key -> !key.validFrom().isAfter(to) && !from.isAfter(now))
                .map(key -> List.of(new PublicKey(key.publicKeyDer(), key.validFrom(), now, key.fingerprint())))
                .orElse(List.of()));
    }
}
