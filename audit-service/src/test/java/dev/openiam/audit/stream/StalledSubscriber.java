package dev.openiam.audit.stream;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A subscriber that opens its stream and does not read it: Vert.x's client, paused from the response on, with a small
 * socket receive buffer (so that what the operating system holds for it is small and the server's queue fills).
 * {@link #drain} reads what reached it, until the server ends the stream.
 */
final class StalledSubscriber implements AutoCloseable {

    private final HttpClient client;
    private final HttpClientResponse response;
    private final Buffer received = Buffer.buffer();
    private volatile boolean ended;

    StalledSubscriber(Vertx vertx, HttpRequest signed) throws Exception {
        this.client = vertx.createHttpClient(new HttpClientOptions().setReceiveBufferSize(4096));
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(signed.uri().toString());
        signed.headers().map().forEach((name, values) -> values.forEach(value -> options.addHeader(name, value)));
        this.response = client.request(options).compose(request -> request.send()).map(answer -> {
            answer.pause();
            return answer;
        }).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    int status() {
        return response.statusCode();
    }

    /** Starts reading what the server sent and will send until it ends the stream. */
    void drain() {
        response.handler(received::appendBuffer);
        response.endHandler(nothing -> ended = true);
        response.exceptionHandler(failure -> ended = true);
        response.resume();
    }

    boolean ended() {
        return ended;
    }

    /** The ids of the events received whole (a blank line after them), in order. */
    List<String> ids() {
        String text = received.toString();
        int end = text.lastIndexOf("\n\n");
        if (end < 0) {
            return List.of();
        }
        return Arrays.stream(text.substring(0, end).split("\n")).filter(line -> line.startsWith("id:"))
                .map(line -> line.substring(3).trim()).toList();
    }

    @Override
    public void close() {
        client.close();
    }
}
