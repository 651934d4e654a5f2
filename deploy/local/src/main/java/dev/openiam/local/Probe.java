package dev.openiam.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Waits until a component is ready, for the {@code iam-local} script; one JVM polls instead of one
 * process per attempt, and it needs nothing but the JDK (no curl, no Kafka tools).
 *
 * <pre>
 * Probe http  URL        [--timeout SECONDS] [--pid PID]   answers 200
 * Probe kafka HOST:PORT  [--timeout SECONDS] [--pid PID]   serves cluster metadata
 * Probe file  PATH       [--timeout SECONDS] [--pid PID]   exists
 * </pre>
 *
 * Exit status: 0 ready, 1 not ready within the timeout (default 0: try once), 2 the process
 * {@code PID} exited while we waited, 64 bad usage.
 */
public final class Probe {

    static final int READY = 0;
    static final int TIMED_OUT = 1;
    static final int PROCESS_EXITED = 2;
    static final int USAGE = 64;

    private Probe() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: Probe http|kafka|file TARGET [--timeout SECONDS] [--pid PID]");
            return USAGE;
        }
        Duration timeout = Duration.ZERO;
        Long pid = null;
        for (int i = 2; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(args[i + 1]));
                case "--pid" -> pid = Long.parseLong(args[i + 1]);
                default -> {
                    System.err.println("unknown option " + args[i]);
                    return USAGE;
                }
            }
        }
        Check check = switch (args[0]) {
            case "http" -> new HttpCheck(URI.create(args[1]));
            case "kafka" -> new KafkaCheck(args[1]);
            case "file" -> () -> java.nio.file.Files.exists(java.nio.file.Path.of(args[1]));
            default -> null;
        };
        if (check == null) {
            System.err.println("unknown probe " + args[0]);
            return USAGE;
        }
        try {
            return await(check, timeout, pid);
        } finally {
            if (check instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // the answer is known; a failing close changes nothing
                }
            }
        }
    }

    static int await(Check check, Duration timeout, Long pid) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            boolean ready = check.ready();
            // checked after the probe: an answer from another server on the same port while ours has
            // died must not count as ours being ready
            if (pid != null && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return PROCESS_EXITED;
            }
            if (ready) {
                return READY;
            }
            if (!Instant.now().isBefore(deadline)) {
                return TIMED_OUT;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return TIMED_OUT;
            }
        }
    }

    @FunctionalInterface
    interface Check {
        boolean ready();
    }

    static final class HttpCheck implements Check {
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private final HttpRequest request;

        HttpCheck(URI uri) {
            request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
        }

        @Override
        public boolean ready() {
            try {
                return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    static final class KafkaCheck implements Check, AutoCloseable {
        private final String servers;
        private Admin admin;

        KafkaCheck(String servers) {
            this.servers = servers;
        }

        @Override
        public boolean ready() {
            // an admin client would retry forever against a closed port; first see that something listens
            if (!listening(servers)) {
                return false;
            }
            if (admin == null) {
                admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers));
            }
            try {
                return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(3_000)).nodes()
                        .get(5, TimeUnit.SECONDS).isEmpty();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }
        }

        @Override
        public void close() {
            if (admin != null) {
                admin.close(Duration.ofSeconds(2));
            }
        }

        private static boolean listening(String servers) {
            String first = servers.split(",")[0].trim();
            int colon = first.lastIndexOf(':');
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1))), 1_000);
                return true;
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
    }
}
