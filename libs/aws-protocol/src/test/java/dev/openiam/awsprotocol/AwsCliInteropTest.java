package dev.openiam.awsprotocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.awsprotocol.query.QueryXml;
import dev.openiam.awsprotocol.sigv4.HttpRequestData;
import dev.openiam.awsprotocol.sigv4.SigV4Credential;
import dev.openiam.awsprotocol.sigv4.SigV4Verifier;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AWS CLI v2 ({@code /usr/bin/aws}, Debian's {@code awscli}; CI installs it, elsewhere these
 * tests are skipped) against a minimal endpoint built from this library alone: the CLI's requests
 * must verify and parse, and it must read our responses and errors.
 */
class AwsCliInteropTest {

    private static final Path AWS = Path.of("/usr/bin/aws");
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private static HttpServer server;
    private static final List<QueryRequest> received = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", AwsCliInteropTest::serve);
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Authenticate, then answer CreateUser and GetRole; anything else is InvalidAction. */
    private static void serve(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
        HttpRequestData request = new HttpRequestData(exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(), rawQuery, headers, body);
        String requestId = "cli-" + System.nanoTime();
        int status = 200;
        String xml;
        try {
            SigV4Credential credential = SigV4Verifier.parse(request);
            new SigV4Verifier().verify(request, credential, SECRET, "iam", Instant.now());
            QueryRequest query = QueryRequest.parse(body, rawQuery);
            synchronized (received) {
                received.add(query);
            }
            xml = switch (String.valueOf(query.action())) {
                case "CreateUser" -> QueryXml.response("CreateUser", QueryXml.IAM_NAMESPACE, requestId, r -> r
                        .element("User", u -> u.text("Path", "/").text("UserName", query.required("UserName"))
                                .text("UserId", "AIDAEXAMPLE").text("Arn", "arn:aws:iam::123456789012:user/x")
                                .date("CreateDate", Instant.parse("2026-11-24T05:00:00Z"))
                                .tags("Tags", query.tags("Tags"))));
                case "GetRole" -> QueryXml.response("GetRole", QueryXml.IAM_NAMESPACE, requestId, r -> r
                        .element("Role", role -> role.text("Path", "/").text("RoleName", query.required("RoleName"))
                                .text("RoleId", "AROAEXAMPLE").text("Arn", "arn:aws:iam::123456789012:role/web")
                                .date("CreateDate", Instant.parse("2026-11-24T05:00:00Z"))
                                .urlEncodedText("AssumeRolePolicyDocument", POLICY)));
                case "DeleteUser" -> QueryXml.response("DeleteUser", QueryXml.IAM_NAMESPACE, requestId);
                default -> throw query.unknownAction();
            };
        } catch (IamException e) {
            status = e.code().httpStatus();
            xml = QueryXml.error(e.code(), e.getMessage(), requestId);
        }
        byte[] out = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", QueryXml.CONTENT_TYPE);
        exchange.getResponseHeaders().add("x-amzn-RequestId", requestId);
        exchange.sendResponseHeaders(status, out.length);
        try (OutputStream o = exchange.getResponseBody()) {
            o.write(out);
        }
    }

    @Test
    void createUserWithTagsWorks() throws Exception {
        Run run = aws(SECRET, "iam", "create-user", "--user-name", "alice+ops", "--tags",
                "Key=team,Value=core & <ops>", "Key=cost center,Value=");
        assertThat(run.exit()).as(run.stderr()).isZero();
        JsonNode user = new ObjectMapper().readTree(run.stdout()).path("User");
        assertThat(user.path("UserName").asText()).isEqualTo("alice+ops");
        assertThat(user.path("CreateDate").asText()).startsWith("2026-11-24T05:00:00");
        assertThat(user.path("Tags").get(0).path("Value").asText()).isEqualTo("core & <ops>");
        assertThat(user.path("Tags").get(1).path("Key").asText()).isEqualTo("cost center");
        QueryRequest sent = last();
        assertThat(sent.version()).isEqualTo("2010-05-08");
        assertThat(sent.tags("Tags")).hasSize(2);
    }

    @Test
    void policyDocumentsComeBackDecoded() throws Exception {
        Run run = aws(SECRET, "iam", "get-role", "--role-name", "web");
        assertThat(run.exit()).as(run.stderr()).isZero();
        JsonNode document = new ObjectMapper().readTree(run.stdout()).path("Role").path("AssumeRolePolicyDocument");
        assertThat(document).isEqualTo(new ObjectMapper().readTree(POLICY));
    }

    @Test
    void actionsWithoutOutputSucceedSilently() throws Exception {
        Run run = aws(SECRET, "iam", "delete-user", "--user-name", "alice");
        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isBlank();
    }

    @Test
    void errorsReachTheUserAsAwsWouldShowThem() throws Exception {
        Run wrongSecret = aws(SECRET + "x", "iam", "list-users");
        assertThat(wrongSecret.exit()).isEqualTo(254);
        assertThat(wrongSecret.stderr()).contains("An error occurred (SignatureDoesNotMatch) when calling the "
                + "ListUsers operation").contains(": The request signature we calculated does not match");
        Run unknown = aws(SECRET, "iam", "list-users");
        assertThat(unknown.exit()).isEqualTo(254);
        assertThat(unknown.stderr()).contains("(InvalidAction)")
                .contains("Could not find operation ListUsers for version 2010-05-08");
        assertThat(ErrorCode.INVALID_ACTION.httpStatus()).isEqualTo(400);
    }

    private static QueryRequest last() {
        synchronized (received) {
            return received.get(received.size() - 1);
        }
    }

    record Run(int exit, String stdout, String stderr) {
    }

    private static Run aws(String secret, String... args) throws Exception {
        String missing = "the AWS CLI v2 (/usr/bin/aws, Debian awscli) is not installed";
        // under CI=true a missing client fails (.ci/run installs it); elsewhere its tests are skipped
        assumeTrue(Files.isExecutable(AWS) || "true".equalsIgnoreCase(System.getenv("CI")), missing);
        assertThat(Files.isExecutable(AWS)).as(missing).isTrue();
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url",
                "http://127.0.0.1:" + server.getAddress().getPort(), "--output", "json"));
        command.addAll(List.of(args));
        Path tmp = Files.createDirectories(Path.of("target", "aws-cli"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile());
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", KEY);
        env.put("AWS_SECRET_ACCESS_KEY", secret);
        env.remove("AWS_SESSION_TOKEN");
        env.remove("AWS_PROFILE");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", tmp.resolve("none").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", tmp.resolve("none").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
        env.put("AWS_MAX_ATTEMPTS", "1");
        Process p = builder.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("aws %s finished", String.join(" ", args)).isTrue();
        return new Run(p.exitValue(), Files.readString(tmp.resolve("out")), Files.readString(tmp.resolve("err")));
    }
}
