package dev.openiam.glue.warmup;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Warm-up at start: once its public port listens, the service sends it the {@link WarmUpRequests} it provides, {@link
 * WarmUpConfig#concurrency()} at a time, for {@link WarmUpConfig#duration()} (0: none), and is not ready until it is done
 * ({@link WarmUpHealth}) — so that the first callers a load balancer sends find the front door's code loaded and
 * partly compiled. A service providing no requests is ready at once; one serving HTTPS only must set the duration to 0.
 * What the requests were answered is logged once at the end.
 */
@Singleton
public class WarmUp {

    private static final Logger LOG = Logger.getLogger(WarmUp.class);
    /** Before the next attempt after a request got no answer at all. */
    private static final long RETRY_MS = 50;

    private final Vertx vertx;
    private final Instance<WarmUpRequests> provided;
    private final Duration duration;
    private final int concurrency;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean failed = new AtomicBoolean();
    private final Map<Integer, LongAdder> answers = new ConcurrentHashMap<>();
    private volatile boolean done;

    public WarmUp(Vertx vertx, Instance<WarmUpRequests> provided, WarmUpConfig config) {
        this.vertx = vertx;
        this.provided = provided;
        this.duration = config.duration();
        this.concurrency = Math.max(1, config.concurrency());
        // nothing to send: ready at once (a service with no requests of its own, or the warm-up switched off)
        this.done = duration.isZero() || duration.isNegative() || !provided.isResolvable();
    }

    /** When the public (plain HTTP) port listens, the warm-up starts. */
    void onStart(@ObservesAsync HttpServerStart event) {
        if (done || !started.compareAndSet(false, true)) {
            return;
        }
        // the options carry no port: the one bound is in the configuration (in tests a random one, published by Quarkus)
        int port = event.options().getPort() > 0 ? event.options().getPort()
                : ConfigProvider.getConfig().getValue(LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port",
                Integer.class);
        String host = event.options().getHost();
        if (host == null || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        }
        List<WarmUpRequests.Request> requests = provided.get().requests(Clock.systemUTC().instant());
        if (requests.isEmpty()) {
            done = true;
            return;
        }
        WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost(host).setDefaultPort(port)
                .setMaxPoolSize(concurrency).setKeepAlive(true));
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicLong next = new AtomicLong();
        AtomicInteger running = new AtomicInteger(concurrency);
        LOG.infof("warming up for %s: %d kinds of request to port %d, %d at a time", duration, requests.size(), port, concurrency);
        for (int i = 0; i < concurrency; i++) {
            send(client, requests, next, deadline, running);
        }
    }

    /**
     * Sends one request, then the next, until the deadline — or until one is answered 5xx (a service it needs is not
     * there yet: the warm-up would only fill the log with its errors); the last sender to stop ends the warm-up.
     */
    private void send(WebClient client, List<WarmUpRequests.Request> requests, AtomicLong next, long deadline, AtomicInteger running) {
        if (System.nanoTime() >= deadline || failed.get()) {
            if (running.decrementAndGet() == 0) {
                client.close();
                done = true;
                LOG.infof("warmed up: %d requests, answered %s", sent(), answered());
            }
            return;
        }
        WarmUpRequests.Request request = requests.get((int) (next.getAndIncrement() % requests.size()));
        HttpRequest<Buffer> http = client.request(HttpMethod.valueOf(request.method()), request.uri());
        request.headers().forEach(http::putHeader);
        http.sendBuffer(Buffer.buffer(request.body())).subscribe().with(response -> {
            answers.computeIfAbsent(response.statusCode(), status -> new LongAdder()).increment();
            if (response.statusCode() >= 500 && failed.compareAndSet(false, true)) {
                LOG.infof("warm-up stopped: a request was answered %d", response.statusCode());
            }
            send(client, requests, next, deadline, running);
        }, failure -> vertx.setTimer(RETRY_MS, id -> send(client, requests, next, deadline, running)));
    }

    /** Whether the warm-up is over (or there is none). */
    public boolean done() {
        return done;
    }

    /** The warm-up requests answered so far, by HTTP status. */
    public Map<Integer, Long> answered() {
        Map<Integer, Long> statuses = new TreeMap<>();
        answers.forEach((status, count) -> statuses.put(status, count.sum()));
        return statuses;
    }

    /** The warm-up requests answered so far. */
    public long sent() {
        return answers.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
