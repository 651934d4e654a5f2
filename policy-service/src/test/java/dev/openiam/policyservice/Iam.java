package dev.openiam.policyservice;

import dev.openiam.internalauth.TrustedKeys;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceKey;
import dev.openiam.internalauth.TokenIssuer;
import io.restassured.http.ContentType;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls {@code /internal/v1/iam} as identity-service forwards an action: the Query parameters as JSON under a real
 * forward token signed with identity-service's (test-only) key for exactly those bytes, for the root user of a
 * fresh account (or another caller); reads the XML answer.
 */
public final class Iam {

    public static final String PATH = "/internal/v1/iam";
    /** The test-only keys of the services (src/test/resources/trust), as they sign. */
    public static final ServiceKey IDENTITY = key("identity-service");
    public static final ServiceKey STS = key("sts-service");
    public static final ServiceKey POLICY = key("policy-service");
    /** The services' published keys (src/test/resources/trust/trusted): what a test's tokens are keyed for. */
    public static final TrustedKeys TRUSTED = TrustedKeys.fromDirectory(java.nio.file.Path.of("src/test/resources/trust/trusted"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String accountId;
    private final String callerArn;
    private final boolean root;

    private Iam(String accountId, String callerArn, boolean root) {
        this.accountId = accountId;
        this.callerArn = callerArn;
        this.root = root;
    }

    /** The root user of an account no other test uses. */
    public static Iam freshAccount() {
        String account = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
        return new Iam(account, "arn:aws:iam::" + account + ":root", true);
    }

    /** The root user of {@code accountId} (an account a test's configuration names). */
    public static Iam root(String accountId) {
        return new Iam(accountId, "arn:aws:iam::" + accountId + ":root", true);
    }

    /** A non-root user of the same account. */
    public Iam asUser(String userName) {
        return new Iam(accountId, "arn:aws:iam::" + accountId + ":user/" + userName, false);
    }

    public String accountId() {
        return accountId;
    }

    public String callerArn() {
        return callerArn;
    }

    public String arn(String resource) {
        return "arn:aws:iam::" + accountId + ":" + resource;
    }

    /** This caller as identity-service names it in a token. */
    public CallerClaims claims() {
        return new CallerClaims(callerArn, accountId, root ? accountId : "AIDAAAAAAAAAAAAAAAAA", "AKIAAAAAAAAAAAAAAAAA", root);
    }

    /** A forward token of identity-service for {@code body}, performing {@code action}, for this caller. */
    public String token(byte[] body, String action) {
        return new TokenIssuer(IDENTITY, TRUSTED).issue("policy-service", Purpose.FORWARD, "POST", PATH, body, claims(), "iam:" + action);
    }

    /** The JSON body identity-service forwards, with no revision to wait for. */
    public static byte[] body(String action, Map<String, String> params) {
        return body(action, params, 0);
    }

    /** The JSON body identity-service forwards, with the policy revision the caller has seen (read-your-writes). */
    public static byte[] body(String action, Map<String, String> params, long policyRevision) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action);
        body.put("params", params);
        body.put("requestId", UUID.randomUUID().toString());
        body.put("atLeastIdentityRevision", 0);
        body.put("atLeastPolicyRevision", policyRevision);
        return json(body);
    }

    public static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code params} alternate names and values. */
    public static Map<String, String> params(String... params) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            map.put(params[i], params[i + 1]);
        }
        return map;
    }

    /** Forwards {@code action} as the front door does: with the account's latest policy revision (read-your-writes). */
    public Response call(String action, String... params) {
        byte[] body = body(action, params(params), revision());
        return post(PATH, "Bearer " + token(body, action), body);
    }

    /** {@code body} to {@code path} with {@code authorization} (none when {@code null}). */
    public static Response post(String path, String authorization, byte[] body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        return request.post(path);
    }

    /** The call succeeded; its result element as XmlPath rooted at {@code <ActionResponse>}. */
    public XmlPath ok(String action, String... params) {
        Response response = call(action, params);
        assertThat(response.statusCode()).as(action + " answered " + response.asString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/xml");
        return new XmlPath(response.asString()).setRootPath(action + "Response." + action + "Result");
    }

    /** The call failed with {@code code} and {@code message}, and nothing was written (the revision stayed). */
    public void fails(int status, String code, String message, String action, String... params) {
        long before = revision();
        Response response = call(action, params);
        assertThat(response.statusCode()).as(action + " answered " + response.asString()).isEqualTo(status);
        XmlPath xml = new XmlPath(response.asString());
        assertThat(xml.getString("ErrorResponse.Error.Code")).isEqualTo(code);
        if (message != null) {
            assertThat(xml.getString("ErrorResponse.Error.Message")).isEqualTo(message);
        }
        assertThat(revision()).as("nothing written by a failed " + action).isEqualTo(before);
    }

    /** Like {@link #fails} when only the message's start is fixed (e.g. the engine's wording). */
    public String failsWithCode(int status, String code, String action, String... params) {
        long before = revision();
        Response response = call(action, params);
        assertThat(response.statusCode()).as(action + " answered " + response.asString()).isEqualTo(status);
        XmlPath xml = new XmlPath(response.asString());
        assertThat(xml.getString("ErrorResponse.Error.Code")).isEqualTo(code);
        assertThat(revision()).as("nothing written by a failed " + action).isEqualTo(before);
        return xml.getString("ErrorResponse.Error.Message");
    }

    /** The account's policy-service revision (0 before its first write). */
    public long revision() {
        Pool pool = io.quarkus.arc.Arc.container().instance(Pool.class).get();
        RowSet<Row> rows = pool.preparedQuery("select revision from policy.account_revisions where account_id = $1")
                .execute(Tuple.of(accountId)).await().atMost(Duration.ofSeconds(10));
        return rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : 0L;
    }

    /** The revision header of a successful write. */
    public long written(String action, String... params) {
        Response response = call(action, params);
        assertThat(response.statusCode()).as(action + " answered " + response.asString()).isEqualTo(200);
        return Long.parseLong(response.header("X-Iam-Policy-Revision"));
    }

    private static ServiceKey key(String service) {
        return ServiceKey.read(service, Path.of("src/test/resources/trust", service + ".pem"));
    }

    public static String doc(String action) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action
                + "\",\"Resource\":\"*\"}]}";
    }
}
