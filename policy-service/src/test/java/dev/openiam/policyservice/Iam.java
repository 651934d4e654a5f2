package dev.openiam.policyservice;

import io.restassured.http.ContentType;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.Response;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls {@code /internal/v1/iam} as identity-service forwards an action: a real HS256 JWT for the root user
 * of a fresh account (or another caller), the Query parameters as JSON; reads the XML answer.
 */
public final class Iam {

    /** The test profile's secret (application.properties), decoded. */
    public static final SecretKey SECRET = new SecretKeySpec(
            Base64.getDecoder().decode("cG9saWN5LXNlcnZpY2UtdGVzdC1zZWNyZXQtMDEyMzQ="), "HmacSHA256");

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

    /** A valid token for this caller; {@code customize} may spoil it. */
    public String token(UnaryOperator<JwtClaimsBuilder> customize) {
        JwtClaimsBuilder claims = Jwt.issuer("openiam").audience("policy-service").subject(callerArn)
                .claim("acct", accountId).claim("pid", root ? accountId : "AIDAAAAAAAAAAAAAAAAA")
                .claim("akid", "AKIAAAAAAAAAAAAAAAAA").claim("root", root)
                .issuedAt(System.currentTimeMillis() / 1000).expiresIn(Duration.ofSeconds(60));
        return customize.apply(claims).jws().algorithm(SignatureAlgorithm.HS256).sign(SECRET);
    }

    public String token() {
        return token(c -> c);
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
        return callWith("Bearer " + token(), action, params(params), revision());
    }

    public static Response callWith(String authorization, String action, Map<String, String> params) {
        return callWith(authorization, action, params, 0);
    }

    private static Response callWith(String authorization, String action, Map<String, String> params, long policyRevision) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action);
        body.put("params", params);
        body.put("requestId", UUID.randomUUID().toString());
        body.put("atLeastIdentityRevision", 0);
        body.put("atLeastPolicyRevision", policyRevision);
        var request = given().contentType(ContentType.JSON).body(body);
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        return request.post("/internal/v1/iam");
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

    public static String doc(String action) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action
                + "\",\"Resource\":\"*\"}]}";
    }
}
