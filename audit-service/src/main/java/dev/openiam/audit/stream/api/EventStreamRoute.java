package dev.openiam.audit.stream.api;

import dev.openiam.audit.stream.domain.EventFilter;
import dev.openiam.audit.stream.domain.EventStreams;
import dev.openiam.audit.stream.domain.StreamConfig;
import dev.openiam.awsprotocol.error.ErrorAnswer;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code GET /v1/events/stream}: the caller's account's records as server-sent events as they are stored (filters
 * principal, eventName, eventSource, errorCode, readOnly), each an event {@code record} whose id is its place in the
 * ingest order and whose data is its CloudTrail JSON; with {@code Last-Event-ID}, the records stored after that one
 * come first. Authorized before it opens ({@link SignedEventReaders}): a refusal or a bad parameter is a problem
 * document with its AWS code. A Vert.x route rather than a JAX-RS resource, so that a connection is written in chunks
 * ({@link SseConnection}), not once per event.
 */
@ApplicationScoped
public class EventStreamRoute {

    static final String PATH = "/v1/events/stream";

    private final SignedEventReaders readers;
    private final EventStreams streams;
    private final StreamConfig config;
    private final Vertx vertx;

    public EventStreamRoute(SignedEventReaders readers, EventStreams streams, StreamConfig config, Vertx vertx) {
        this.readers = readers;
        this.streams = streams;
        this.config = config;
        this.vertx = vertx;
    }

    /** Before JAX-RS's route (which comes after the default order). */
    void register(@Observes Router router) {
        router.get(PATH).order(RouteConstants.ROUTE_ORDER_DEFAULT).handler(this::open);
    }

    private void open(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        Context context = vertx.getOrCreateContext();
        readers.authorized(request)
                .map(caller -> {
                    EventFilter filter = EventFilter.of(caller.accountId(), request.getParam("principal"),
                            request.getParam("eventName"), request.getParam("eventSource"), request.getParam("errorCode"),
                            request.getParam("readOnly"));
                    return new Opening(filter, lastEventId(request.getHeader("Last-Event-ID")));
                })
                .emitOn(command -> context.runOnContext(nothing -> command.run()))
                .subscribe().with(
                        opening -> {
                            if (!request.response().closed()) {
                                SseConnection.open(context, request.response(), config.keepAlive(),
                                        connection -> streams.subscribe(opening.filter(), opening.afterSeq(), connection));
                            }
                        },
                        failure -> refuse(routing, SignedEventReaders.refusal(failure)));
    }

    private record Opening(EventFilter filter, Long afterSeq) {
    }

    private static void refuse(RoutingContext routing, ErrorAnswer answer) {
        if (!routing.response().closed() && !routing.response().headWritten()) {
            routing.response().setStatusCode(answer.status()).putHeader(HttpHeaders.CONTENT_TYPE, answer.contentType())
                    .putHeader(ErrorAnswer.REQUEST_ID_HEADER, answer.requestId()).end(answer.body());
        }
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
}
