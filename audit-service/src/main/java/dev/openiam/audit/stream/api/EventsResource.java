package dev.openiam.audit.stream.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openiam.audit.stream.domain.EventFilter;
import dev.openiam.audit.stream.domain.EventSearch;
import dev.openiam.audit.stream.domain.EventStreams;
import dev.openiam.audit.stream.domain.StreamConfig;
import dev.openiam.awsprotocol.error.ProblemErrors;
import dev.openiam.glue.query.QueryAnswers;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * Records of the caller's account beyond LookupEvents: {@code GET /v1/events} (every filter at once, a time range,
 * pages of up to 1,000) and {@code GET /v1/events/stream} (server-sent events as they are stored, resumable with
 * {@code Last-Event-ID}). Both are signed (SigV4, {@code cloudtrail}) and need {@code cloudtrail:LookupEvents}
 * ({@link SignedEventReaders}); a bad parameter is a problem document with its AWS code.
 */
@Path("/v1/events")
public class EventsResource {

    /** The SSE event name of a record. */
    public static final String EVENT = "record";
    /** The comment an idle stream is sent, after the field's colon: the line reads {@code : keep-alive}. */
    public static final String KEEP_ALIVE = " keep-alive";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventSearch search;
    private final EventStreams streams;
    private final StreamConfig config;

    public EventsResource(EventSearch search, EventStreams streams, StreamConfig config) {
        this.search = search;
        this.streams = streams;
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> search(@Context RoutingContext routing, @RestQuery String principal, @RestQuery String eventName,
                                @RestQuery String eventSource, @RestQuery String errorCode, @RestQuery String readOnly,
                                @RestQuery String startTime, @RestQuery String endTime, @RestQuery String maxResults,
                                @RestQuery String nextToken) {
        EventFilter filter = EventFilter.of(SignedEventReaders.caller(routing).accountId(), principal, eventName, eventSource,
                errorCode, readOnly);
        return search.search(filter, startTime, endTime, maxResults, nextToken).map(page -> {
            ObjectNode answer = JSON.createObjectNode();
            ArrayNode events = answer.putArray("Events");
            page.events().forEach(json -> events.add(tree(json)));
            if (page.nextToken() != null) {
                answer.put("NextToken", page.nextToken());
            }
            return Response.ok(answer.toString(), MediaType.APPLICATION_JSON).build();
        });
    }

    /**
     * Each record as an event {@value #EVENT} whose id is its place in the ingest order and whose data is its CloudTrail
     * JSON. With {@code Last-Event-ID}, the records stored after that one come first (nothing missed while away). A
     * subscriber that falls too far behind has its connection closed; it comes back with the last id it received. A
     * stream silent for {@link StreamConfig#keepAlive()} gets a comment line, {@code : keep-alive}.
     */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@Context RoutingContext routing, @Context Sse sse, @RestQuery String principal,
                                          @RestQuery String eventName, @RestQuery String eventSource,
                                          @RestQuery String errorCode, @RestQuery String readOnly,
                                          @HeaderParam("Last-Event-ID") String lastEventId) {
        EventFilter filter = EventFilter.of(SignedEventReaders.caller(routing).accountId(), principal, eventName, eventSource,
                errorCode, readOnly);
        Multi<OutboundSseEvent> records = streams.subscribe(filter, lastEventId(lastEventId), () -> routing.response().close())
                .map(stored -> sse.newEventBuilder().id(Long.toString(stored.seq())).name(EVENT)
                        .mediaType(MediaType.TEXT_PLAIN_TYPE).data(stored.json()).build());
        return KeepAlive.beat(records, config.keepAlive(), () -> sse.newEventBuilder().comment(KEEP_ALIVE).build());
    }

    @ServerExceptionMapper
    public Response refused(IamException failure) {
        return QueryAnswers.send(ProblemErrors.render(failure, UUID.randomUUID().toString(), SignedEventReaders.LOGGED));
    }

    private static Long lastEventId(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            long seq = Long.parseLong(value);
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IamException(ErrorCode.INVALID_INPUT, "`Last-Event-ID` must be the id of an event of this stream");
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
