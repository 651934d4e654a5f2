package dev.openiam.audit.stream;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An open stream read on its own thread: the events received so far, and whether the server ended it. */
final class Subscriber implements AutoCloseable {

    final List<SignedGets.Event> events = new CopyOnWriteArrayList<>();
    private final HttpResponse<InputStream> response;
    private final Thread thread;
    private volatile boolean ended;

    Subscriber(HttpResponse<InputStream> response) {
        this.response = response;
        this.thread = new Thread(this::read, "test-subscriber");
        thread.setDaemon(true);
        thread.start();
    }

    boolean ended() {
        return ended;
    }

    String lastId() {
        return events.isEmpty() ? null : events.get(events.size() - 1).id();
    }

    private void read() {
        try (SignedGets.Reader reader = new SignedGets.Reader(response.body())) {
            SignedGets.Event event;
            while ((event = reader.next()) != null) {
                events.add(event);
            }
        } catch (Exception e) {
            // closed by the test
        } finally {
            ended = true;
        }
    }

    @Override
    public void close() throws Exception {
        response.body().close();
        thread.join(5_000);
    }
}
