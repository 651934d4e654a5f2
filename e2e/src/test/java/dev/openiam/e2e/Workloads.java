package dev.openiam.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.iam.IamClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the workload tests share: roles and instance profiles for workloads, {@code iam-local workload …} run as a user
 * runs it, the metadata endpoints read over plain HTTP, {@code /v1/workloads} signed for {@code sts}, child processes
 * with nothing but a workload's environment, and the CloudTrail trail.
 */
final class Workloads {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TTL = "X-aws-ec2-metadata-token-ttl-seconds";
    static final String TOKEN = "X-aws-ec2-metadata-token";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern WORKLOAD_ID = Pattern.compile("# workload (i-[0-9a-f]{17}) ");

    /** A workload {@code iam-local workload add} registered: its id and the export lines it printed. */
    record Added(String id, Map<String, String> exports) {
    }

    /** A child process's exit status and output. */
    record Result(int status, String output) {
    }

    private Workloads() {
    }

    /** A role trusting {@code service} to assume it: its ARN. */
    static String role(IamClient iam, String name, String service) {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"" + service
                + "\"},\"Action\":\"sts:AssumeRole\"}]}";
        return iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(trust)).role().arn();
    }

    /** An instance profile holding role {@code roleName}: its name. */
    static String profile(IamClient iam, String name, String roleName) {
        iam.createInstanceProfile(b -> b.instanceProfileName(name));
        iam.addRoleToInstanceProfile(b -> b.instanceProfileName(name).roleName(roleName));
        return name;
    }

    /** {@code iam-local workload add ARGS}, which must succeed: the workload's id and export lines. */
    static Added add(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("add"));
        command.addAll(List.of(args));
        String output = iamLocal(true, command.toArray(String[]::new));
        Map<String, String> exports = new HashMap<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("export ")) {
                String assignment = line.substring("export ".length());
                exports.put(assignment.substring(0, assignment.indexOf('=')), assignment.substring(assignment.indexOf('=') + 1));
            }
        }
        Matcher id = WORKLOAD_ID.matcher(output);
        assertThat(id.find()).as("the workload's id in: " + output).isTrue();
        return new Added(id.group(1), exports);
    }

    /** {@code iam-local workload ARGS}, which must succeed ({@code succeeds}) or fail: its output. */
    static String iamLocal(boolean succeeds, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", LocalSystem.get().repository().resolve("deploy/local/iam-local").toString(),
                "workload"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(LocalSystem.get().clientEnvironment());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue() == 0).as("iam-local workload " + String.join(" ", args) + ": " + output).isEqualTo(succeeds);
        return output;
    }

    /** An unsigned request, as the SDKs send the metadata endpoints theirs. */
    static HttpResponse<String> send(String method, String uri, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code METHOD /v1/workloads…} at sts-service with no body, SigV4-signed for {@code sts} with the given key. */
    static HttpResponse<String> signed(String method, String pathAndQuery, String accessKeyId, String secret) throws Exception {
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
                .uri(URI.create(LocalSystem.get().stsEndpoint() + pathAndQuery)).build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKeyId, secret))
                .request(unsigned)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        HttpRequest.Builder request = HttpRequest.newBuilder(signed.getUri()).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        signed.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The command line of a child JVM running {@code main} on this classpath, its home (~/.aws) the empty one. */
    static List<String> java(Class<?> main) throws IOException {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Duser.home=" + home(), "-cp",
                System.getProperty("java.class.path"), main.getName());
    }

    /** {@code command} with a clean environment: the workload's variables, an empty HOME, nothing else of ours. */
    static ProcessBuilder child(List<String> command, Map<String, String> workload) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("HOME", home().toString());
        builder.environment().putAll(workload);
        return builder;
    }

    /** {@link #child} run to its end (at most two minutes). */
    static Result run(List<String> command, Map<String, String> workload) throws IOException, InterruptedException {
        Process process = child(command, workload).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }

    /** The {@code name=value} lines of a child's output. */
    static Map<String, String> lines(String output) {
        Map<String, String> values = new HashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.contains(" ")) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    /** The trail's records whose {@code key} (a CloudTrail lookup attribute) is {@code value}, once {@code ready} holds. */
    static List<JsonNode> trail(String key, String value, java.util.function.Predicate<List<JsonNode>> ready) throws Exception {
        RequiredClients.awsCliV2();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> ready.test(lookup(key, value)));
        return lookup(key, value);
    }

    private static List<JsonNode> lookup(String key, String value) throws Exception {
        String output = AwsCliE2ETest.run(List.of(RequiredClients.AWS.toString(), "--endpoint-url",
                LocalSystem.get().cloudTrailEndpoint().toString(), "cloudtrail", "lookup-events", "--lookup-attributes",
                "AttributeKey=" + key + ",AttributeValue=" + value, "--output", "json"));
        List<JsonNode> records = new ArrayList<>();
        for (JsonNode event : JSON.readTree(output).path("Events")) {
            records.add(JSON.readTree(event.path("CloudTrailEvent").asText()));
        }
        return records;
    }

    private static Path home() throws IOException {
        return Files.createDirectories(Path.of("target/workload-home")).toAbsolutePath();
    }
}
