package dev.openiam.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openiam.audit.event.persistence.EventStore;
import dev.openiam.model.audit.AuditRecord;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The AWS CLI v2 ({@code /usr/bin/aws}, Debian's awscli; skipped without it) against this endpoint, unchanged:
 * {@code aws cloudtrail lookup-events} with a lookup attribute, paged by the CLI itself one event at a time, and
 * CloudTrail's errors as the CLI reports them.
 */
@QuarkusTest
class AwsCliTest {

    static final Path AWS = Path.of("/usr/bin/aws");

    @Inject
    EventStore store;

    @Inject
    TestCallers callers;

    @TestHTTPResource("/")
    URI endpoint;

    @Test
    void lookupEventsPagesThroughEveryMatchingEvent() throws Exception {
        assumeTrue(Files.isExecutable(AWS), "the AWS CLI v2 is at /usr/bin/aws");
        String account = Records.account();
        Instant t0 = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        List<AuditRecord> records = List.of(
                Records.call(account, "alice", "AKIAALICE", "CreateUser", "bob", t0, false),
                Records.call(account, "alice", "AKIAALICE", "CreateUser", "carol", t0.plusSeconds(1), false),
                Records.call(account, "alice", "AKIAALICE", "GetUser", "carol", t0.plusSeconds(2), true),
                Records.call(account, "alice", "AKIAALICE", "CreateUser", "dave", t0.plusSeconds(3), false));
        store.store(records).await().indefinitely();
        TestCallers.Key key = callers.user(account, "auditor", true);

        Result result = aws(key, "cloudtrail", "lookup-events", "--lookup-attributes", "AttributeKey=EventName,AttributeValue=CreateUser",
                "--page-size", "1");

        assertThat(result.exit()).as(result.stderr()).isZero();
        List<String> names = StreamSupport.stream(result.json().path("Events").spliterator(), false)
                .map(e -> e.path("Resources").get(0).path("ResourceName").asText()).toList();
        assertThat(names).containsExactly("dave", "carol", "bob");
        JsonNode first = result.json().path("Events").get(0);
        assertThat(first.path("EventName").asText()).isEqualTo("CreateUser");
        assertThat(first.path("Username").asText()).isEqualTo("alice");
        assertThat(first.path("CloudTrailEvent").asText()).contains("\"eventVersion\":\"1.11\"");
    }

    @Test
    void theCliReportsCloudTrailsErrors() throws Exception {
        assumeTrue(Files.isExecutable(AWS), "the AWS CLI v2 is at /usr/bin/aws");
        TestCallers.Key key = callers.user(Records.account(), "auditor", true);

        Result reversed = aws(key, "cloudtrail", "lookup-events", "--start-time", "2026-12-05T10:00:00Z", "--end-time", "2026-12-05T09:00:00Z");
        assertThat(reversed.exit()).isNotZero();
        assertThat(reversed.stderr()).contains("InvalidTimeRangeException");

        TestCallers.Key denied = callers.user(Records.account(), "intern", false);
        Result refused = aws(denied, "cloudtrail", "lookup-events");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.stderr()).contains("AccessDeniedException").contains("cloudtrail:LookupEvents");
    }

    record Result(int exit, String stdout, String stderr) {
        JsonNode json() throws Exception {
            return CloudTrailCalls.JSON.readTree(stdout);
        }
    }

    private Result aws(TestCallers.Key key, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url", endpoint.toString(), "--region", "us-east-1",
                "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", key.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", key.secret());
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_PAGER", "");
        Path out = Files.createTempFile("aws-out", ".json");
        Path err = Files.createTempFile("aws-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
