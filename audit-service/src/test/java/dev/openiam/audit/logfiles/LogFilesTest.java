package dev.openiam.audit.logfiles;

import dev.openiam.audit.CloudTrailCalls;
import dev.openiam.audit.Records;
import dev.openiam.audit.TestCallers;
import dev.openiam.model.audit.AuditCodec;
import dev.openiam.model.audit.AuditEvent;
import dev.openiam.model.audit.AuditRecord;
import dev.openiam.outbox.KafkaClients;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Log files and their digest chain, written every 2 seconds here: every record published is in exactly one log file,
 * periods without records get an empty digest, ListPublicKeys returns the signing key, and {@code validate} passes — then
 * fails for a changed, missing, added or reordered log file and a changed, missing or reordered digest.
 */
@QuarkusTest
@TestProfile(LogFilesTest.ShortPeriods.class)
class LogFilesTest {

    static final Path DIRECTORY;

    static {
        // Quarkus loads this class twice (the profile's class loader and the test's): one directory for both, by a
        // system property, which the JVM shares
        try {
            if (System.getProperty("audit.test.log-directory") == null) {
                Files.createDirectories(Path.of("target/tmp"));
                System.setProperty("audit.test.log-directory",
                        Files.createTempDirectory(Path.of("target/tmp").toAbsolutePath(), "audit-logs-").toString());
            }
            DIRECTORY = Path.of(System.getProperty("audit.test.log-directory"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static class ShortPeriods implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // a consumer group of its own: no waiting for the group's last member (another test class's application)
            // to be gone before this one is given the topic's partitions
            return Map.of("iam.audit.log-files.directory", DIRECTORY.toString(), "iam.audit.log-files.period", "PT2S",
                    "iam.audit.log-files.delay", "PT0.5S", "iam.audit.consumer-group", "audit-service-log-files-test");
        }
    }

    @Inject
    TestCallers callers;

    @TestHTTPResource("/")
    URI endpoint;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void everyRecordIsInOneSignedLogFileAndEveryTamperingIsFound() throws Exception {
        Instant start = Instant.now();
        String one = Records.account();
        String two = Records.account();
        List<AuditRecord> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            records.add(Records.call(i % 2 == 0 ? one : two, "alice", "AKIAALICE", "CreateUser", "user" + i, Instant.now(), false));
        }
        publish(records.subList(0, 10));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> recordsInLogs(start, one, two).size() >= 10);
        publish(records.subList(10, 20));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> recordsInLogs(start, one, two).size() >= 20);
        // and then a period with nothing: an empty digest
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> digests(start).stream().anyMatch(d -> d.logFiles().isEmpty()
                && Instant.parse(d.digestStartTime()).isAfter(start)));
        // at least four periods ended a second ago (the tampering below needs several digests; a quiet machine can store
        // both batches in one period)
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> digests(Instant.EPOCH).stream()
                .filter(d -> Instant.parse(d.digestEndTime()).isBefore(Instant.now().minusSeconds(1))).count() >= 4);
        // digests that ended a second ago are written whole (digest after its logs, signature after its digest)
        Instant end = Instant.now().minusSeconds(1);
        // the whole chain: it began with this test's service (a fresh directory)
        Instant from = Instant.EPOCH;

        assertThat(recordsInLogs(start, one, two)).containsExactlyInAnyOrderElementsOf(records.stream().map(r -> r.eventID().toString()).toList());

        // the key, as ListPublicKeys gives it
        TestCallers.Key reader = callers.user(one, "reader", true);
        CloudTrailCalls.Answer keys = new CloudTrailCalls(endpoint).call(reader, "ListPublicKeys", "{}");
        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.body().path("PublicKeyList")).hasSize(1);
        byte[] der = Base64.getDecoder().decode(keys.body().path("PublicKeyList").get(0).path("Value").asText());
        assertThat(keys.body().path("PublicKeyList").get(0).path("Fingerprint").asText()).isEqualTo(DigestKey.fingerprint(der));
        assertThat(digests(start)).allMatch(d -> d.digestPublicKeyFingerprint().equals(DigestKey.fingerprint(der)));
        Path keyFile = Files.writeString(Files.createTempFile(Path.of("target/tmp"), "key-", ".txt"),
                keys.body().path("PublicKeyList").get(0).path("Value").asText());

        Path intact = copy();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = ValidateLogs.run(new String[]{"--directory", intact.toString(), "--public-key", keyFile.toString(),
                "--start-time", from.toString(), "--end-time", end.toString()}, new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("INVALID");
        assertThat(exit).isZero();

        LogValidator validator = new LogValidator(List.of(der));
        assertThat(validator.validate(intact, from, end).validDigests()).isGreaterThanOrEqualTo(4);

        // a log file holding one of this test's records (others may hold only other test classes' records)
        String mine = records.get(0).eventID().toString();
        tampered(validator, from, end, dir -> rewriteLog(dir, logWith(dir, mine), s -> s.replace("CreateUser", "DeleteUser")),
                "hash value doesn't match");
        tampered(validator, from, end, dir -> delete(logs(dir).get(0)), "not found");
        tampered(validator, from, end, dir -> {
            Path log = logs(dir).get(0);
            copyTo(log, log.resolveSibling(log.getFileName().toString().replace(".json.gz", "9.json.gz")));
        }, "is named by no digest");
        tampered(validator, from, end, dir -> swap(logs(dir).get(0), logs(dir).get(1)), "hash value doesn't match");
        tampered(validator, from, end, dir -> rewriteLog(dir, digestFiles(dir).get(1), s -> s.replace("\"logFiles\":[", "\"logFiles\":[ ")),
                "invalid signature");
        tampered(validator, from, end, dir -> delete(digestFiles(dir).get(2)), "a digest is missing");
        tampered(validator, from, end, dir -> swap(digestFiles(dir).get(1), digestFiles(dir).get(2)), "moved or reordered");

        // with the exit code of the command
        Path changed = copy();
        rewriteLog(changed, logWith(changed, mine), s -> s.replace("alice", "mallory"));
        assertThat(ValidateLogs.run(new String[]{"--directory", changed.toString(), "--public-key", keyFile.toString(),
                "--start-time", from.toString(), "--end-time", end.toString()}, new PrintStream(new ByteArrayOutputStream()))).isEqualTo(1);
    }

    private void tampered(LogValidator validator, Instant start, Instant end, Consumer<Path> tampering, String finding) throws IOException {
        Path copy = copy();
        tampering.accept(copy);
        LogValidator.Report report = validator.validate(copy, start, end);
        assertThat(report.valid()).as("%s", report.lines()).isFalse();
        assertThat(report.lines()).anyMatch(line -> line.startsWith("INVALID") && line.contains(finding));
    }

    /** The eventIDs in the log files of digests that ended after {@code start}. */
    /** The records of {@code accounts} in the logs since {@code start} (other test classes publish to the same service). */
    private List<String> recordsInLogs(Instant start, String... accounts) throws IOException {
        List<String> wanted = List.of(accounts);
        List<String> ids = new ArrayList<>();
        for (DigestFile digest : digests(start)) {
            for (DigestFile.LogFile log : digest.logFiles()) {
                byte[] content = LogStorage.readGzip(DIRECTORY.resolve(log.s3Object()));
                DigestFile.JSON.readTree(content).path("Records").forEach(r -> {
                    if (wanted.contains(r.path("recipientAccountId").asText())) {
                        ids.add(r.path("eventID").asText());
                    }
                });
            }
        }
        return ids;
    }

    private static List<DigestFile> digests(Instant start) throws IOException {
        List<DigestFile> digests = new ArrayList<>();
        for (Path file : digestFiles(DIRECTORY)) {
            DigestFile digest = DigestFile.fromJson(LogStorage.readGzip(file));
            if (Instant.parse(digest.digestEndTime()).isAfter(start)) {
                digests.add(digest);
            }
        }
        return digests;
    }

    private static List<Path> digestFiles(Path dir) {
        return walk(dir.resolve(LogStorage.DIGESTS)).filter(p -> p.toString().endsWith(".json.gz")).toList();
    }

    /** The first log file (in path order) whose content holds {@code text}. */
    private static Path logWith(Path dir, String text) {
        return walk(dir.resolve("AWSLogs")).filter(p -> p.toString().endsWith(".json.gz"))
                .filter(p -> !p.toString().contains("CloudTrail-Digest")).filter(p -> {
                    try {
                        return new String(LogStorage.readGzip(p), StandardCharsets.UTF_8).contains(text);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).findFirst().orElseThrow(() -> new AssertionError("no log file holds " + text));
    }

    /** Two log files (in path order). */
    private static List<Path> logs(Path dir) {
        return walk(dir.resolve("AWSLogs")).filter(p -> p.toString().endsWith(".json.gz"))
                .filter(p -> !p.toString().contains("CloudTrail-Digest")).limit(2).toList();
    }

    private static Stream<Path> walk(Path root) {
        if (!Files.isDirectory(root)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copy() throws IOException {
        Path copy = Files.createTempDirectory(Path.of("target/tmp").toAbsolutePath(), "audit-logs-copy-");
        for (Path file : walk(DIRECTORY).toList()) {
            if (!file.getFileName().toString().startsWith(".")) {
                copyTo(file, copy.resolve(DIRECTORY.relativize(file)));
            }
        }
        return copy;
    }

    private static void copyTo(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void swap(Path a, Path b) {
        try {
            byte[] first = Files.readAllBytes(a);
            Files.write(a, Files.readAllBytes(b));
            Files.write(b, first);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void rewriteLog(Path dir, Path file, java.util.function.UnaryOperator<String> change) {
        try {
            String content = new String(LogStorage.readGzip(file), StandardCharsets.UTF_8);
            String changed = change.apply(content);
            assertThat(changed).isNotEqualTo(content);
            LogStorage.writeGzip(file, changed.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void publish(List<AuditRecord> records) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaClients.config(bootstrapServers, Map.of("acks", "all")),
                new StringSerializer(), new StringSerializer())) {
            for (AuditRecord record : records) {
                producer.send(new ProducerRecord<>(AuditEvent.TOPIC, record.recipientAccountId(), AuditCodec.encode(record)));
            }
            producer.flush();
        }
    }
}
