package dev.openiam.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An SDK keeps a workload's credentials fresh across their expiry: a second sts-service whose workload sessions last
 * the shortest the design allows ({@code iam.workload.session-duration} PT15M, the 900 s floor of every role session;
 * with the default 20-minute {@code refresh-before} every fetch there gets new credentials, so it is the SDK's own
 * prefetch that brings them), and a child JVM holding one StsClient on the SDK for Java v2's unchanged default
 * credential chain, pointed at the workload's IMDS endpoint there. GetCallerIdentity, called every 15 seconds until past
 * the first credentials' expiry, keeps succeeding: the SDK took new keys from the endpoint before the first ones expired
 * (it prefetches at least a minute before), and never signed with expired ones. Takes about 16 minutes.
 */
@ExtendWith(LocalSystem.class)
class WorkloadCredentialsRefreshE2ETest {

    /** What the child printed for one call. */
    private record Call(Instant at, String signed, String arn, Map<String, Instant> expirations) {

        static Call parse(String line) {
            assertThat(line).as("the child's answer").isNotNull().doesNotStartWith("failed=").startsWith("at=");
            Map<String, String> fields = new HashMap<>();
            for (String field : line.split(" ")) {
                fields.put(field.substring(0, field.indexOf('=')), field.substring(field.indexOf('=') + 1));
            }
            Map<String, Instant> expirations = new HashMap<>();
            for (String resolved : List.of(fields.get("before"), fields.get("after"))) {
                String[] keyAndExpiry = resolved.split("@");
                expirations.put(keyAndExpiry[0], Instant.parse(keyAndExpiry[1]));
            }
            return new Call(Instant.parse(fields.get("at")), fields.get("signed"), fields.get("arn"), expirations);
        }
    }

    final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theJavaSdksDefaultChainTakesNewKeysBeforeAWorkloadsCredentialsExpire() throws Exception {
        String roleName = "wl-refresh-" + run;
        String account = LocalSystem.get().accountId();
        try (IamClient root = Clients.root()) {
            Workloads.role(root, roleName, "ec2.amazonaws.com");
            Workloads.profile(root, "wl-refresh-prof-" + run, roleName);
        }
        Workloads.Added workload = Workloads.add("--instance-profile", "wl-refresh-prof-" + run);
        try (ServiceReplica sts = ServiceReplica.sts(Path.of("target/replicas/sts-refresh.log"),
                Map.of("IAM_WORKLOAD_SESSION_DURATION", "PT15M")).start()) {
            // the workload's own endpoint path, at the replica whose sessions are short; STS there too
            String path = workload.exports().get("AWS_EC2_METADATA_SERVICE_ENDPOINT").replace(LocalSystem.get().stsEndpoint().toString(), "");
            Map<String, String> environment = new HashMap<>(workload.exports());
            environment.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", sts.endpoint() + path);
            environment.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());

            // its standard output carries the answers only; whatever it logs goes to a file of its own
            Path errors = Files.createDirectories(Path.of("target/workload")).resolve("refresh-" + run + ".err");
            Process child = Workloads.child(Workloads.java(WorkloadRefreshMain.class), environment).redirectErrorStream(false)
                    .redirectError(errors.toFile()).start();
            try (Writer commands = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
                 BufferedReader answers = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                List<Call> calls = new CopyOnWriteArrayList<>();
                calls.add(call(commands, answers));
                Call first = calls.get(0);
                Instant firstExpiry = first.expirations().get(first.signed());
                assertThat(firstExpiry).as("the first credentials last the configured 15 minutes")
                        .isBetween(first.at().plus(Duration.ofMinutes(14)), first.at().plus(Duration.ofMinutes(16)));

                // one call every 15 s until one begins after the first credentials expired; each must succeed
                await().atMost(Duration.between(Instant.now(), firstExpiry).plus(Duration.ofMinutes(3)))
                        .pollInterval(Duration.ofSeconds(15)).until(() -> {
                            Call call = call(commands, answers);
                            calls.add(call);
                            return call.at().isAfter(firstExpiry.plusSeconds(5));
                        });

                Map<String, Instant> expirations = new HashMap<>();
                calls.forEach(call -> expirations.putAll(call.expirations()));
                assertThat(calls).allSatisfy(call -> {
                    assertThat(call.arn()).matches("arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + workload.id());
                    assertThat(expirations.get(call.signed())).as("the expiry of the key %s signed with", call.signed())
                            .isAfter(call.at());
                });
                // the SDK moved to new keys before the first expired (not after a refused call), and past it signs with those
                Call firstWithNewKeys = calls.stream().filter(call -> !call.signed().equals(first.signed())).findFirst()
                        .orElseThrow(() -> new AssertionError("the SDK never took new keys: " + calls));
                assertThat(firstWithNewKeys.at()).isBefore(firstExpiry);
                Call last = calls.get(calls.size() - 1);
                assertThat(last.signed()).isNotEqualTo(first.signed());
                assertThat(expirations.get(last.signed())).isAfter(firstExpiry);
            } finally {
                child.destroy();
                if (!child.waitFor(20, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            }
        }
    }

    /** Asks the child for one GetCallerIdentity and reads its answer (past any line that is not one). */
    private static Call call(Writer commands, BufferedReader answers) throws Exception {
        commands.write("call\n");
        commands.flush();
        String line = answers.readLine();
        while (line != null && !line.startsWith("at=") && !line.startsWith("failed=")) {
            line = answers.readLine();
        }
        return Call.parse(line);
    }
}
