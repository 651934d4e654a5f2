package dev.openiam.console.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.console.aws.AwsApi;
import dev.openiam.console.session.ConsoleSession;
import dev.openiam.console.session.ConsoleSessions;
import dev.openiam.console.web.Pages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Event history: the account's CloudTrail records, newest first (LookupEvents at audit-service, as the person signed
 * in), filtered by one lookup attribute as AWS's console does, 50 per page with a link to the next; each record's
 * full JSON on demand.
 */
@Path("/events")
public class EventHistoryResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One row: the record's summary and its full document, indented. */
    public record Row(String id, String time, String name, String user, String source, String errorCode, String record) {

        static Row of(Event event) {
            JsonNode record = parse(event.cloudTrailEvent());
            return new Row(event.eventId(), event.eventTime() == null ? "" : event.eventTime().toString(), event.eventName(),
                    event.username(), event.eventSource(), record.path("errorCode").asText(""), pretty(record, event.cloudTrailEvent()));
        }
    }

    /** A filter to choose. */
    public record Key(String name, boolean selected) {
    }

    private final ConsoleSessions sessions;
    private final AwsApi aws;
    private final Template events;

    public EventHistoryResource(ConsoleSessions sessions, AwsApi aws, @Location("events.html") Template events) {
        this.sessions = sessions;
        this.aws = aws;
        this.events = events;
    }

    @GET
    public Response events(@CookieParam(ConsoleSessions.COOKIE) String id, @QueryParam("key") String key,
                           @QueryParam("value") String value, @QueryParam("next") String next) {
        ConsoleSession session = sessions.require(id);
        boolean filtered = key != null && !key.isBlank() && value != null && !value.isBlank();
        LookupEventsRequest.Builder request = LookupEventsRequest.builder().maxResults(50).nextToken(next);
        if (filtered) {
            request.lookupAttributes(a -> a.attributeKey(key).attributeValue(value.strip()));
        }
        LookupEventsResponse page = aws.cloudTrail(session, trail -> trail.lookupEvents(request.build()));
        List<Key> keys = LookupAttributeKey.knownValues().stream().map(k -> new Key(k.toString(), k.toString().equals(key))).toList();
        String more = page.nextToken() == null ? null : "/events?" + (filtered ? "key=" + encode(key) + "&value=" + encode(value) + "&" : "")
                + "next=" + encode(page.nextToken());
        return Pages.page(events.data("rows", page.events().stream().map(Row::of).toList()).data("keys", keys)
                .data("value", value).data("more", more), session);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String text) {
        try {
            return text == null ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    private static String pretty(JsonNode record, String text) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(record);
        } catch (JsonProcessingException e) {
            return text;
        }
    }
}
