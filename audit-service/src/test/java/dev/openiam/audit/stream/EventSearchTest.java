package dev.openiam.audit.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.audit.Records;
import dev.openiam.audit.TestCallers;
import dev.openiam.audit.event.persistence.EventStore;
import dev.openiam.model.audit.AuditRecord;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v1/events}: every filter at once, a time range and pages, within the caller's account only; refused
 * before anything is read when unsigned, not allowed, or asked badly.
 */
@QuarkusTest
class EventSearchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TestCallers callers;

    @Inject
    EventStore store;

    @TestHTTPResource("/")
    URI base;

    private SignedGets gets;
    private String account;
    private TestCallers.Key reader;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final List<AuditRecord> aliceCreates = new ArrayList<>();

    @BeforeEach
    void setUp() {
        gets = new SignedGets(base);
        account = Records.account();
        reader = callers.user(account, "reader", true);
        List<AuditRecord> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            AuditRecord record = Records.call(account, "alice", "AKIAALICE", "CreateUser", "u" + i, now.minusSeconds(10L * i), false);
            aliceCreates.add(record);
            all.add(record);
        }
        all.add(Records.call(account, "alice", "AKIAALICE", "GetUser", "u", now, true));
        all.add(Records.call(account, "bob", "AKIABOB", "CreateUser", "u", now, false));
        all.add(Records.call(Records.account(), "alice", "AKIAALICE", "CreateUser", "u", now, false));
        store.store(all).await().indefinitely();
    }

    @Test
    void everyFilterAtOnceInARangeAPageAtATime() throws Exception {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("principal", "arn:aws:iam::" + account + ":user/alice");
        query.put("eventName", "CreateUser");
        query.put("readOnly", "false");
        query.put("eventSource", "iam.amazonaws.com");
        query.put("startTime", now.minusSeconds(45).toString());
        query.put("endTime", now.plusSeconds(1).toString());
        query.put("maxResults", "2");
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Map<String, String> page = new LinkedHashMap<>(query);
            if (token != null) {
                page.put("nextToken", token);
            }
            HttpResponse<String> answer = gets.get(reader, "/v1/events", page);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(answer.body());
            body.path("Events").forEach(e -> seen.add(e.path("eventID").asText()));
            token = body.path("NextToken").isMissingNode() ? null : body.path("NextToken").asText();
            pages++;
        } while (token != null);

        // newest first: the records 0..4 are in the range (times now, now-10 … now-40)
        assertThat(seen).containsExactlyElementsOf(aliceCreates.subList(0, 5).stream().map(r -> r.eventID().toString()).toList());
        assertThat(pages).isEqualTo(3);

        // alice by name, any event: her records only
        HttpResponse<String> byName = gets.get(reader, "/v1/events", Map.of("principal", "alice", "readOnly", "true"));
        assertThat(JSON.readTree(byName.body()).path("Events")).hasSize(1);
        assertThat(JSON.readTree(byName.body()).path("Events").get(0).path("eventName").asText()).isEqualTo("GetUser");
    }

    @Test
    void refusedBeforeAnythingIsRead() throws Exception {
        assertThat(gets.get(null, "/v1/events", Map.of()).statusCode()).isEqualTo(403);
        HttpResponse<String> denied = gets.get(callers.user(account, "nobody", false), "/v1/events", Map.of());
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("\"code\":\"AccessDenied\"");
        assertThat(denied.headers().firstValue("content-type")).hasValue("application/problem+json");

        assertThat(gets.get(reader, "/v1/events", Map.of("maxResults", "1001")).body()).contains("\"code\":\"InvalidMaxResultsException\"");
        assertThat(gets.get(reader, "/v1/events", Map.of("startTime", "yesterday")).body()).contains("\"code\":\"InvalidInput\"");
        assertThat(gets.get(reader, "/v1/events", Map.of("startTime", now.toString(), "endTime", now.minusSeconds(1).toString())).body())
                .contains("\"code\":\"InvalidTimeRangeException\"");
        assertThat(gets.get(reader, "/v1/events", Map.of("nextToken", "bm9wZQ")).body()).contains("\"code\":\"InvalidNextTokenException\"");

        // a token of one query is not one of another
        HttpResponse<String> first = gets.get(reader, "/v1/events", Map.of("maxResults", "1"));
        String token = JSON.readTree(first.body()).path("NextToken").asText();
        assertThat(gets.get(reader, "/v1/events", Map.of("maxResults", "1", "eventName", "GetUser", "nextToken", token)).statusCode())
                .isEqualTo(400);
    }
}
