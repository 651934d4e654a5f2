package dev.openiam.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A second process of a service beside the one {@code iam-local} started (policy-service, identity-service or
 * sts-service): the
 * same jar, PostgreSQL, Kafka, peers, secrets and signing key (the environment {@code iam-local} gives the first one),
 * on a port of its own, its log under {@code target/}. It can be stopped, killed and started again, on the same port.
 */
final class ServiceReplica implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** {@code policy}, {@code identity} or {@code sts}: iam-local's name of the service. */
    private final String service;
    /** Settings of its own on top of those of the first ({@code IAM_…} variables). */
    private final Map<String, String> own;
    private final int port;
    /** Its management interface (metrics), which must not collide with the first replica's. */
    private final int managementPort;
    private final Path log;
    private Process process;

    private ServiceReplica(String service, Path log, Map<String, String> settings) {
        this.service = service;
        this.own = Map.copyOf(settings);
        this.port = freePort();
        this.managementPort = freePort();
        this.log = log;
    }

    /** A second policy-service, logging to {@code log}. */
    static ServiceReplica policy(Path log) {
        return new ServiceReplica("policy", log, Map.of());
    }

    /** A second identity-service (a front door), logging to {@code log}. */
    static ServiceReplica identity(Path log) {
        return new ServiceReplica("identity", log, Map.of());
    }

    /** A second sts-service, logging to {@code log}, with {@code settings} of its own (e.g. {@code IAM_WORKLOAD_…}). */
    static ServiceReplica sts(Path log, Map<String, String> settings) {
        return new ServiceReplica("sts", log, settings);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    Path log() {
        return log;
    }

    /** Starts the process and waits until {@code /q/health/ready} answers 200; fails at once if it dies. */
    ServiceReplica start() {
        LocalSystem system = LocalSystem.get();
        Map<String, String> settings = system.clientEnvironment();
        Path jar = system.repository().resolve(service + "-service/target/quarkus-app/quarkus-run.jar");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            Files.createDirectories(log.getParent());
            Path tmp = log.getParent().resolve(service + "-replica-tmp");
            Files.createDirectories(tmp);
            Files.writeString(log, "\n=== starting on port " + port + " ===\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-Djava.io.tmpdir=" + tmp, "-jar", jar.toString()))
                    .directory(log.getParent().toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(key -> key.startsWith("DB_") || key.startsWith("KAFKA_") || key.startsWith("QUARKUS_")
                    || key.startsWith("IAM_"));
            // exactly what iam-local's start_service exports for its services
            env.put("DB_URL", "postgresql://127.0.0.1:" + settings.get("IAM_PG_PORT") + "/iam");
            env.put("DB_USER", "postgres");
            env.put("DB_PASSWORD", required(settings, "IAM_LOCAL_PG_PASSWORD"));
            env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + settings.get("IAM_KAFKA_PORT"));
            env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
            env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
            for (String key : List.of("IAM_BOOTSTRAP_ACCOUNT_ID", "IAM_BOOTSTRAP_ROOT_ACCESS_KEY_ID",
                    "IAM_BOOTSTRAP_ROOT_SECRET_ACCESS_KEY", "IAM_KEK")) {
                env.put(key, required(settings, key));
            }
            // a replica signs with its service's key, trusts the same peers and opens the same session tokens
            env.put("IAM_SERVICE_KEY_FILE", system.keysDir().resolve(service + "-service.pem").toString());
            env.put("IAM_TRUSTED_KEYS_DIR", system.keysDir().toString());
            env.put("IAM_SESSION_KEY_FILE", system.keysDir().resolve("session/session.pem").toString());
            env.put("IAM_POLICY_SERVICE_URL", required(settings, "IAM_POLICY_ENDPOINT"));
            env.put("IAM_IDENTITY_SERVICE_URL", required(settings, "IAM_IDENTITY_ENDPOINT"));
            env.putAll(own);
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a second " + service + "-service from " + jar, e);
        }
        try {
            await(service + "-service replica on port " + port + " ready (log: " + log + ")")
                    .atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .failFast("the replica exited; see " + log, () -> !process.isAlive())
                    .until(this::ready);
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
        return this;
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    /** SIGTERM, then SIGKILL after 20 s; waits until the process is gone. */
    void stop() {
        Process current = process;
        if (current == null) {
            return;
        }
        try {
            current.destroy();
            if (!current.waitFor(20, TimeUnit.SECONDS)) {
                current.destroyForcibly();
                current.waitFor(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            current.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            process = null;
        }
    }

    /** SIGKILL, as a crash or an OOM kill: no shutdown of any kind; waits until the process is gone. */
    void kill() {
        Process current = process;
        if (current == null) {
            return;
        }
        try {
            current.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private boolean ready() throws IOException, InterruptedException {
        HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
        return answer.statusCode() == 200;
    }

    private static String required(Map<String, String> settings, String key) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(key + " is missing from the local system's environment");
        }
        return value;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
