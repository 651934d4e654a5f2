package dev.openiam.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the {@code iam-local} script the way a user does, after {@code package}: start, use PostgreSQL
 * and Kafka, stop, start again and find the data, stop. With identity-service built (a full build),
 * it starts that too and checks its readiness endpoint; built alone, this module checks PostgreSQL
 * and Kafka only ({@code IAM_SERVICES=none}). Ports are free ones, IAM_HOME is under target/.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class IamLocalIT {

    private static final Path SCRIPT = Path.of("iam-local").toAbsolutePath();
    private static final Path IDENTITY_JAR = Path.of("../../identity-service/target/quarkus-app/quarkus-run.jar");

    private static Path home;
    private static Map<String, String> env;
    private static boolean withIdentity;

    @BeforeAll
    static void environment() throws IOException {
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        home = Files.createDirectories(Path.of("target", "it-iam-home-" + UUID.randomUUID()).toAbsolutePath());
        withIdentity = Files.exists(IDENTITY_JAR);
        env = new HashMap<>();
        env.put("IAM_HOME", home.toString());
        env.put("IAM_PG_PORT", Integer.toString(freePort()));
        env.put("IAM_KAFKA_PORT", Integer.toString(freePort()));
        env.put("IAM_KAFKA_CONTROLLER_PORT", Integer.toString(freePort()));
        env.put("IAM_IDENTITY_PORT", Integer.toString(freePort()));
        env.put("IAM_SERVICES", withIdentity ? "identity" : "none");
    }

    @AfterAll
    static void stopWhateverIsLeft() throws Exception {
        run("stop");
    }

    @Test
    void startStopStartKeepsTheDataAndStopStopsEverything() throws Exception {
        Result first = run("start");
        assertThat(first.exit).as(first.output).isZero();

        Map<String, String> credentials = readEnvFile(home.resolve("credentials.env"));
        Map<String, String> local = readEnvFile(home.resolve("local.env"));
        assertThat(credentials.get("IAM_BOOTSTRAP_ACCOUNT_ID")).matches("[0-9]{12}");
        assertThat(credentials.get("IAM_BOOTSTRAP_ROOT_ACCESS_KEY_ID")).matches("AKIA[A-Z2-7]{16}");
        assertThat(credentials.get("IAM_BOOTSTRAP_ROOT_SECRET_ACCESS_KEY")).matches("[A-Za-z0-9/+]{40}");
        assertThat(java.util.Base64.getDecoder().decode(credentials.get("IAM_KEK"))).hasSize(32);
        assertThat(first.output).doesNotContain(credentials.get("IAM_KEK"));
        assertThat(local).containsEntry("AWS_ACCESS_KEY_ID", credentials.get("IAM_BOOTSTRAP_ROOT_ACCESS_KEY_ID"))
                .containsEntry("AWS_SECRET_ACCESS_KEY", credentials.get("IAM_BOOTSTRAP_ROOT_SECRET_ACCESS_KEY"))
                .containsEntry("AWS_REGION", "us-east-1")
                .containsEntry("IAM_ACCOUNT_ID", credentials.get("IAM_BOOTSTRAP_ACCOUNT_ID"));
        for (String secretFile : List.of("credentials.env", "local.env", "keys/identity-service.pem", "keys/policy-service.pem")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(secretFile))))
                    .as(secretFile).isEqualTo("rw-------");
        }
        if (withIdentity) {
            String endpoint = "http://127.0.0.1:" + env.get("IAM_IDENTITY_PORT");
            assertThat(local).containsEntry("IAM_ENDPOINT", endpoint).containsEntry("IAM_IDENTITY_ENDPOINT", endpoint);
            assertThat(httpStatus(endpoint + "/q/health/ready")).isEqualTo(200);
        }

        String password = credentials.get("IAM_LOCAL_PG_PASSWORD");
        try (Connection c = database(password); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE survives (note text)");
            s.execute("INSERT INTO survives VALUES ('written before stop')");
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", kafka(), "acks", "all", "enable.idempotence", true),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("it.survives", "k", "sent before stop")).get(30, TimeUnit.SECONDS);
        }
        String identityKey = Files.readString(home.resolve("keys/identity-service.pem"));
        assertThat(home.resolve("keys/identity-service.jwks.json")).exists();
        assertThat(home.resolve("keys/policy-service.jwks.json")).exists();
        List<Long> pids = pids();
        assertThat(pids).hasSize(withIdentity ? 3 : 2).allMatch(IamLocalIT::alive);

        Result stop = run("stop");
        assertThat(stop.exit).as(stop.output).isZero();
        assertThat(pids).noneMatch(IamLocalIT::alive);
        assertThat(run("status").exit).as("status with nothing running").isNotZero();

        Result second = run("start");
        assertThat(second.exit).as(second.output).isZero();
        assertThat(readEnvFile(home.resolve("credentials.env"))).as("credentials are reused").isEqualTo(credentials);
        assertThat(Files.readString(home.resolve("keys/identity-service.pem"))).as("service keys are reused").isEqualTo(identityKey);
        try (Connection c = database(password); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT note FROM survives")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("written before stop");
        }
        assertThat(consumeAll("it.survives")).containsExactly("sent before stop");
        if (withIdentity) {
            assertThat(httpStatus("http://127.0.0.1:" + env.get("IAM_IDENTITY_PORT") + "/q/health/ready")).isEqualTo(200);
        }
        Result status = run("status");
        assertThat(status.exit).as(status.output).isZero();
        assertThat(status.output).contains("postgres  running", "kafka     running");

        assertThat(run("stop").exit).isZero();
        assertThat(pids()).isEmpty();
    }

    @Test
    void anUnknownServiceIsRefused() throws Exception {
        Map<String, String> bad = new HashMap<>(env);
        bad.put("IAM_SERVICES", "nosuch");
        Result result = run(bad, "start");
        assertThat(result.exit).isEqualTo(64);
        assertThat(result.output).contains("unknown service `nosuch`");
    }

    @Test
    void aTakenPortStopsTheStartBeforeAnythingRuns() throws Exception {
        Map<String, String> taken = new HashMap<>(env);
        Path otherHome = Files.createDirectories(home.resolveSibling(home.getFileName() + "-taken"));
        taken.put("IAM_HOME", otherHome.toString());
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            taken.put("IAM_KAFKA_PORT", Integer.toString(squatter.getLocalPort()));
            Result result = run(taken, "start");
            assertThat(result.exit).isEqualTo(1);
            assertThat(result.output).contains("port " + squatter.getLocalPort(), "IAM_KAFKA_PORT");
        }
        try (var files = Files.list(otherHome.resolve("run"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".pid"))).as("nothing was started").isEmpty();
        }
    }

    // --- helpers ------------------------------------------------------------------------------

    private record Result(int exit, String output) {
    }

    private static Result run(String command) throws Exception {
        return run(env, command);
    }

    private static Result run(Map<String, String> environment, String command) throws Exception {
        Path out = Files.createTempFile(home, "iam-local-" + command, ".out");
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), command)
                .redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().remove("DB_URL");
        pb.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        pb.environment().putAll(environment);
        Process p = pb.start();
        if (!p.waitFor(8, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("iam-local " + command + " did not finish: " + Files.readString(out));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    private static Map<String, String> readEnvFile(Path file) throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    private static Connection database(String password) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", password);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + env.get("IAM_PG_PORT") + "/iam", p);
    }

    private static String kafka() {
        return "127.0.0.1:" + env.get("IAM_KAFKA_PORT");
    }

    private static List<String> consumeAll(String topic) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka(),
                "group.id", "it-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
            }
            consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
        }
        return values;
    }

    private static int httpStatus(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static List<Long> pids() throws IOException {
        List<Long> pids = new ArrayList<>();
        Path run = home.resolve("run");
        if (Files.isDirectory(run)) {
            try (var files = Files.list(run)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                    pids.add(Long.parseLong(Files.readString(f).trim()));
                }
            }
        }
        return pids;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
