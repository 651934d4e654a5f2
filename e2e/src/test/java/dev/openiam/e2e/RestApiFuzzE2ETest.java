package dev.openiam.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's bad input at scale for identity-service's REST/JSON API (its OpenAPI surface under
 * {@code /v1/accounts/{accountId}/}): valid requests of every resource, mutated — path segments replaced, dropped or
 * added, the account changed, the method changed, query parameters odd or repeated, JSON bodies with wrong types, deep
 * nesting, huge values and bad bytes, the media type or the credentials wrong. Every input is answered within
 * {@link FrontDoorFuzzE2ETest#HANG}; nothing answers 5xx but the documented {@code ServiceFailure}; every rejection is a
 * problem document whose {@code code} is an AWS error code (but a request line or headers past the HTTP server's limits,
 * which it refuses with a bare 414 or 431 before the service sees the request); and a rejected request writes nothing (the account's rows
 * and revisions in both services are unchanged). Seeded; {@code -Diam.fuzz.inputs} (CI: the pom's default; {@code -Pfuzz}:
 * 1,000,000), {@code -Diam.fuzz.seed}.
 */
@ExtendWith(LocalSystem.class)
class RestApiFuzzE2ETest {

    static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "FOO"};
    static final String[] MEDIA = {"application/json", "application/json; charset=utf-8", "text/plain", "application/xml",
            "application/x-www-form-urlencoded", "*/*", "application/json; charset=iso-8859-1", "nonsense"};

    /** Quarkus' {@code quarkus.http.limits.max-initial-line-length} (its default): longer request lines never reach the service. */
    static final int MAX_REQUEST_LINE = 4096;

    record Seed(String method, String path, String body) {
    }

    static FreshAccount account;
    static Connection db;

    @BeforeAll
    static void setUp() throws SQLException {
        account = FreshAccount.create();
        db = Database.open();
    }

    @AfterAll
    static void tearDown() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    /** Valid requests of every REST resource, relative to {@code /v1/accounts/{accountId}/}. */
    static List<Seed> seeds() {
        String tags = "{\"tags\":[{\"key\":\"team\",\"value\":\"core\"},{\"key\":\"env\",\"value\":\"dev\"}]}";
        String trust = "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":"
                + "{\\\"Service\\\":\\\"ec2.amazonaws.com\\\"},\\\"Action\\\":\\\"sts:AssumeRole\\\"}]}";
        return List.of(
                new Seed("POST", "users", "{\"userName\":\"rz\",\"path\":\"/rz/\",\"tags\":[{\"key\":\"team\",\"value\":\"core\"}]}"),
                new Seed("GET", "users?pathPrefix=/rz/&maxItems=10", null),
                new Seed("GET", "users/rz", null),
                new Seed("PATCH", "users/rz", "{\"newUserName\":\"rz2\",\"newPath\":\"/x/\"}"),
                new Seed("POST", "users/rz/tags", tags),
                new Seed("GET", "users/rz/tags", null),
                new Seed("DELETE", "users/rz/tags?tagKeys=team&tagKeys=env", null),
                new Seed("GET", "users/rz/groups?maxItems=5", null),
                new Seed("POST", "users/rz/access-keys", null),
                new Seed("GET", "users/rz/access-keys", null),
                new Seed("PATCH", "users/rz/access-keys/AKIAAAAAAAAAAAAAAAAB", "{\"status\":\"Inactive\"}"),
                new Seed("DELETE", "users/rz/access-keys/AKIAAAAAAAAAAAAAAAAB", null),
                new Seed("GET", "root/access-keys", null),
                new Seed("GET", "access-keys/AKIAAAAAAAAAAAAAAAAB/last-used", null),
                new Seed("POST", "groups", "{\"groupName\":\"rz-group\",\"path\":\"/\"}"),
                new Seed("GET", "groups/rz-group?maxItems=2", null),
                new Seed("PATCH", "groups/rz-group", "{\"newGroupName\":\"rz-group2\",\"newPath\":\"/g/\"}"),
                new Seed("PUT", "groups/rz-group/users/rz", null),
                new Seed("DELETE", "groups/rz-group/users/rz", null),
                new Seed("POST", "roles", "{\"roleName\":\"rz-role\",\"path\":\"/\",\"assumeRolePolicyDocument\":\"" + trust
                        + "\",\"description\":\"d\",\"maxSessionDuration\":3600,\"tags\":[{\"key\":\"a\",\"value\":\"1\"}]}"),
                new Seed("PATCH", "roles/rz-role", "{\"description\":\"e\",\"maxSessionDuration\":7200}"),
                new Seed("PUT", "roles/rz-role/trust-policy", "{\"policyDocument\":\"" + trust + "\"}"),
                new Seed("POST", "roles/rz-role/tags", tags),
                new Seed("GET", "roles/rz-role/instance-profiles", null),
                new Seed("POST", "instance-profiles", "{\"instanceProfileName\":\"rz-ip\",\"path\":\"/\",\"tags\":[]}"),
                new Seed("PUT", "instance-profiles/rz-ip/roles/rz-role", null),
                new Seed("DELETE", "instance-profiles/rz-ip", null),
                new Seed("DELETE", "roles/rz-role", null),
                new Seed("DELETE", "users/rz", null),
                new Seed("POST", "/v1/accounts", "{\"accountId\":\"123456789012\"}"));
    }

    @Test
    void mutatedRestRequestsAreAnsweredWithAwsErrorsAndRejectedOnesWriteNothing() throws Exception {
        Random random = new Random(FrontDoorFuzzE2ETest.SEED + 2);
        List<Seed> seeds = seeds();
        String countQuery = FrontDoorFuzzE2ETest.countQuery(FrontDoorFuzzE2ETest.accountTables(db));
        Map<String, Long> counts = null;
        Map<String, Integer> outcomes = new TreeMap<>();
        String previous = "none";
        // After refusing a request line or headers past its limits (a bare 414 or 431), the HTTP server closes the
        // connection without saying so (no "Connection: close"): a client that reuses it sees the close on its next
        // request, which the server never received. The next request goes on a new connection, as a client retrying
        // on a stale connection would send it.
        java.net.http.HttpClient http = FrontDoorFuzzE2ETest.newClient();
        for (int input = 0; input < FrontDoorFuzzE2ETest.INPUTS; input++) {
            Seed seed = seeds.get(random.nextInt(seeds.size()));
            Mutated request = mutate(seed, random);
            Map<String, Long> before = counts != null ? counts : FrontDoorFuzzE2ETest.rowCounts(db, account.accountId(), countQuery);
            HttpResponse<String> answer;
            try {
                answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.net.http.HttpTimeoutException e) {
                throw new AssertionError(describe(input, request) + " got no answer within " + FrontDoorFuzzE2ETest.HANG + ": " + e, e);
            } catch (java.io.IOException e) {
                // a request line past the HTTP server's limit is refused by closing the connection; with a body still in
                // flight, the client may see the close before the bare 414 (below): the service never saw the request
                assertThat(request.uri().length()).as(describe(input, request) + ": the connection closed without an answer: " + e
                                + "; the request before: " + previous)
                        .isGreaterThan(MAX_REQUEST_LINE);
                outcomes.merge("closed (HTTP layer, request line too long)", 1, Integer::sum);
                previous = describe(input, request) + ": closed without an answer";
                http = FrontDoorFuzzE2ETest.newClient();
                counts = FrontDoorFuzzE2ETest.rowCounts(db, account.accountId(), countQuery);
                assertThat(counts).as("rows of the account after a refused " + describe(input, request)).isEqualTo(before);
                continue;
            }
            String context = describe(input, request) + " answered " + answer.statusCode() + ": "
                    + FrontDoorFuzzE2ETest.abbreviate(answer.body());
            previous = context + " " + answer.version() + " " + answer.headers().map();
            if (answer.statusCode() < 400) {
                outcomes.merge(Integer.toString(answer.statusCode()), 1, Integer::sum);
                counts = null;
                continue;
            }
            if ((answer.statusCode() == 414 || answer.statusCode() == 431) && answer.body().isEmpty()) {
                // refused by the HTTP server itself (request line or headers past its limits), before any code of the
                // service runs, as every HTTP front end does: no AWS document, and nothing written
                outcomes.merge(answer.statusCode() + " (HTTP layer)", 1, Integer::sum);
                http = FrontDoorFuzzE2ETest.newClient();
                counts = FrontDoorFuzzE2ETest.rowCounts(db, account.accountId(), countQuery);
                assertThat(counts).as("rows of the account after a rejected " + context).isEqualTo(before);
                continue;
            }
            JsonNode problem;
            try {
                problem = FrontDoorFuzzE2ETest.JSON.readTree(answer.body());
            } catch (java.io.IOException e) {
                throw new AssertionError(context + " is not a problem document", e);
            }
            String code = problem == null ? null : problem.path("code").asText(null);
            outcomes.merge(answer.statusCode() + " " + code, 1, Integer::sum);
            assertThat(code).as(context).isIn(FrontDoorFuzzE2ETest.CODES);
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(context).startsWith("application/problem+json");
            assertThat(answer.body()).as(context).doesNotContain("Exception").doesNotContain("dev.openiam");
            if (answer.statusCode() >= 500) {
                assertThat(answer.statusCode() + " " + code).as(context).isEqualTo("500 ServiceFailure");
            }
            counts = FrontDoorFuzzE2ETest.rowCounts(db, account.accountId(), countQuery);
            assertThat(counts).as("rows of the account after a rejected " + context).isEqualTo(before);
        }
        System.out.printf("fuzz: %d mutated REST requests (seed %d): %s%n", FrontDoorFuzzE2ETest.INPUTS, FrontDoorFuzzE2ETest.SEED + 2,
                outcomes);
    }

    /** One request as it will be sent. */
    record Mutated(String method, String uri, String contentType, String authorization, byte[] body) {
        HttpRequest build() {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri)).timeout(FrontDoorFuzzE2ETest.HANG)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) {
                builder.header("Content-Type", contentType);
            }
            if (authorization != null) {
                builder.header("Authorization", authorization);
            }
            return builder.build();
        }
    }

    static Mutated mutate(Seed seed, Random random) throws Exception {
        String method = seed.method();
        String path = seed.path();
        String body = seed.body();
        String contentType = body == null ? null : "application/json";
        String authorization = basic(account.accessKeyId(), account.secretAccessKey());
        byte[] bytes = null;
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            switch (random.nextInt(10)) {
                case 0 -> method = METHODS[random.nextInt(METHODS.length)];
                case 1, 2 -> path = mutatePath(path, random);
                case 3 -> path = path + (path.contains("?") ? "&" : "?") + queryParameter(random);
                case 4, 5 -> body = body == null ? "{\"userName\":" + quoted(FrontDoorFuzzE2ETest.weird(random)) + "}"
                        : mutateJson(body, seed.body(), random);
                case 6 -> contentType = MEDIA[random.nextInt(MEDIA.length)];
                case 7 -> authorization = switch (random.nextInt(5)) {
                    case 0 -> null;
                    case 1 -> basic(account.accessKeyId(), account.secretAccessKey() + "x");
                    case 2 -> basic(LocalSystem.get().accessKeyId(), LocalSystem.get().secretAccessKey()); // another account's root
                    case 3 -> "Basic " + FrontDoorFuzzE2ETest.weird(random).replaceAll("[^\\x20-\\x7e]", "");
                    default -> "Bearer x";
                };
                case 8 -> bytes = FrontDoorFuzzE2ETest.damage((body == null ? "{}" : body).getBytes(StandardCharsets.UTF_8), random);
                default -> body = body == null ? null : body.replaceFirst("\"([a-zA-Z]+)\":", "\"$1\":" + randomJson(random) + ",\"$1x\":");
            }
        }
        String base = LocalSystem.get().endpoint().toString();
        String uri = path.startsWith("/") ? base + path : base + "/v1/accounts/" + account.accountId() + "/" + path;
        byte[] payload = bytes != null ? bytes : body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        return new Mutated(method, uri, contentType, authorization, payload);
    }

    /** A segment replaced (by an odd value, another account, {@code ..}), dropped, doubled or added. */
    static String mutatePath(String path, Random random) {
        String query = path.contains("?") ? path.substring(path.indexOf('?')) : "";
        List<String> segments = new ArrayList<>(List.of((query.isEmpty() ? path : path.substring(0, path.indexOf('?'))).split("/", -1)));
        int at = random.nextInt(segments.size());
        switch (random.nextInt(6)) {
            case 0 -> segments.set(at, segment(FrontDoorFuzzE2ETest.weird(random), random));
            case 1 -> {
                segments.remove(at);
                if (segments.isEmpty()) {
                    segments.add("");
                }
            }
            case 2 -> segments.add(at, segments.get(at));
            case 3 -> segments.add(random.nextBoolean() ? "%2e%2e" : "..");
            case 4 -> segments.set(at, segments.get(at) + segment(FrontDoorFuzzE2ETest.weird(random), random));
            default -> {
                return "/v1/accounts/" + (random.nextBoolean() ? "000000000000" : segment(FrontDoorFuzzE2ETest.weird(random), random))
                        + "/" + String.join("/", segments) + query;
            }
        }
        return String.join("/", segments) + query;
    }

    /** A path segment or query value: percent-encoded, or with escapes the server must decode (or refuse) itself. */
    static String segment(String text, Random random) {
        String encoded = URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
        return switch (random.nextInt(4)) {
            case 0 -> encoded.replace("%", "%25"); // encoded twice
            case 1 -> encoded + new String[] {"%00", "%FF", "%C3%28", "%ED%A0%80", "%2F", "%5C", "%0A"}[random.nextInt(7)];
            default -> encoded;
        };
    }

    static String queryParameter(Random random) {
        String[] names = {"maxItems", "marker", "pathPrefix", "tagKeys", "MaxItems", ""};
        return names[random.nextInt(names.length)] + "=" + segment(FrontDoorFuzzE2ETest.weird(random), random);
    }

    /** {@code body} mutated as JSON; once an earlier round broke it, the valid {@code seed} (or a user's) instead. */
    static String mutateJson(String body, String seed, Random random) throws Exception {
        byte[] mutated;
        try {
            mutated = FrontDoorFuzzE2ETest.mutateJson(body, random);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            mutated = FrontDoorFuzzE2ETest.mutateJson(seed != null ? seed : "{\"userName\":\"rz\"}", random);
        }
        return new String(mutated, StandardCharsets.UTF_8);
    }

    static String randomJson(Random random) {
        String[] values = {"null", "1", "-1", "1e400", "true", "[]", "{}", "\"\"", "[{\"key\":null}]", "[[[[[]]]]]",
                "{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}", "\"" + "x".repeat(70_000) + "\"", "9223372036854775808",
                "[" + "{\"key\":\"k\",\"value\":\"v\"},".repeat(100) + "{\"key\":\"k\",\"value\":\"v\"}]"};
        return values[random.nextInt(values.length)];
    }

    static String quoted(String text) throws Exception {
        return FrontDoorFuzzE2ETest.JSON.writeValueAsString(text);
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static String describe(int input, Mutated request) {
        return "input " + input + " (seed " + (FrontDoorFuzzE2ETest.SEED + 2) + ") " + request.method() + " " + request.uri()
                + " [" + request.contentType() + "] " + (request.body() == null ? ""
                : FrontDoorFuzzE2ETest.abbreviate(new String(request.body(), StandardCharsets.ISO_8859_1)));
    }
}
