package dev.openiam.audit.stream.api;

import dev.openiam.audit.stream.domain.EventHub;
import dev.openiam.audit.stream.domain.EventStreams;
import dev.openiam.audit.stream.domain.Frame;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * One open stream, written on its connection's own thread (its Vert.x context) and nowhere else: when woken it takes
 * what is queued and writes it as one chunk (framed once for every subscriber, see {@link Frame}), then again while
 * more is queued, pausing while the socket's write queue is full. Each record is thus one copy into a chunk, not a
 * write and a flush per record and subscriber. A stream silent for the keep-alive interval is sent {@code : keep-alive}
 * (a clock ticks five times per interval, so a silence lasts at most 1.2 intervals).
 */
final class SseConnection implements EventHub.Connection {

    /** The comment line an idle stream is sent. */
    static final String KEEP_ALIVE = ": keep-alive\n\n";
    private static final Logger LOG = Logger.getLogger(SseConnection.class);

    private final Context context;
    private final HttpServerResponse response;
    private final long keepAliveNanos;
    private EventStreams.Stream stream;
    private long lastWrite = System.nanoTime();
    private long timer = -1;
    /** Reading or writing now (or waiting for the socket to drain): a wake only sets {@link #woken}. */
    private boolean busy;
    private boolean woken;
    private boolean closed;

    private SseConnection(Context context, HttpServerResponse response, Duration keepAlive) {
        this.context = context;
        this.response = response;
        this.keepAliveNanos = keepAlive.toNanos();
    }

    /** Sends the stream's head and starts it; call on {@code context}. {@code subscribe} registers it for records. */
    static void open(Context context, HttpServerResponse response, Duration keepAlive,
                     Function<EventHub.Connection, EventStreams.Stream> subscribe) {
        SseConnection connection = new SseConnection(context, response, keepAlive);
        response.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        response.closeHandler(nothing -> connection.ended());
        response.exceptionHandler(failure -> connection.ended());
        connection.stream = subscribe.apply(connection);
        response.writeHead();
        connection.timer = context.owner().setPeriodic(Math.max(1, keepAlive.dividedBy(5).toMillis()),
                tick -> connection.beat());
        connection.pump();
    }

    @Override
    public void wake() {
        context.runOnContext(nothing -> {
            woken = true;
            if (!busy) {
                pump();
            }
        });
    }

    @Override
    public void close() {
        context.runOnContext(nothing -> {
            ended();
            response.close();
        });
    }

    /** Takes the next records and writes them, then goes on while there are more and the socket takes them. */
    private void pump() {
        if (closed) {
            return;
        }
        busy = true;
        woken = false;
        stream.next().subscribe().with(frames -> context.runOnContext(nothing -> written(frames)), failure -> {
            LOG.warnf("a stream could not read the store and is ended (the subscriber resumes): %s", failure.toString());
            close();
        });
    }

    private void written(List<Frame> frames) {
        if (closed) {
            return;
        }
        if (!frames.isEmpty()) {
            int size = 0;
            for (Frame frame : frames) {
                size += frame.bytes().length;
            }
            Buffer chunk = Buffer.buffer(size);
            frames.forEach(frame -> chunk.appendBytes(frame.bytes()));
            response.write(chunk);
            lastWrite = System.nanoTime();
        } else if (!woken) {
            busy = false;
            return;
        }
        if (response.writeQueueFull()) {
            response.drainHandler(nothing -> {
                response.drainHandler(null);
                pump();
            });
        } else {
            context.runOnContext(nothing -> pump());
        }
    }

    private void beat() {
        if (!closed && !busy && System.nanoTime() - lastWrite >= keepAliveNanos && !response.writeQueueFull()) {
            response.write(KEEP_ALIVE);
            lastWrite = System.nanoTime();
        }
    }

    private void ended() {
        if (!closed) {
            closed = true;
            context.owner().cancelTimer(timer);
            if (stream != null) {
                stream.cancel();
            }
        }
    }
}
