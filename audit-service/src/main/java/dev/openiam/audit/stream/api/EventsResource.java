package dev.openiam.audit.stream.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openiam.audit.stream.domain.EventFilter;
import dev.openiam.audit.stream.domain.EventSearch;
import dev.openiam.glue.query.QueryAnswers;
import dev.openiam.model.IamException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.UncheckedIOException;

/**
 * Records of the caller's account beyond LookupEvents: {@code GET /v1/events} (every filter at once, a time range,
 * pages of up to 1,000; its stream is {@link EventStreamRoute}). Signed (SigV4, {@code cloudtrail}) and needs
 * {@code cloudtrail:LookupEvents} ({@link SignedEventReaders}); a bad parameter is a problem document with its AWS code.
 */
@Path("/v1/events")
public class EventsResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventSearch search;

    public EventsResource(EventSearch search) {
        this.search = search;
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

    @ServerExceptionMapper
    public Response refused(IamException failure) {
        return QueryAnswers.send(SignedEventReaders.refusal(failure));
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
