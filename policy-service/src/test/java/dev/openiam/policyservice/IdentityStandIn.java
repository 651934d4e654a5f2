package dev.openiam.policyservice;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.openiam.awsprotocol.sigv4.HttpRequestData;
import dev.openiam.awsprotocol.sigv4.SigV4Credential;
import dev.openiam.awsprotocol.sigv4.SigV4Verifier;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.TokenVerifier;
import dev.openiam.internalauth.TrustedKeys;
import dev.openiam.model.EntityType;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.policyservice.principal.Principal;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TEST-ONLY stand-in for identity-service's internal endpoints, so that the tests go through the real
 * {@code PrincipalDirectory} (the identity projection) and the real SigV4 path of the decision API without running
 * identity-service:
 * <ul>
 *   <li>{@code GET /internal/v1/accounts/{id}/principals}: the tests declare an account's users, groups, roles and
 *   tags here before the account's first call; the projection loads them as it would from identity-service;</li>
 *   <li>{@code POST /internal/v1/authenticate}: who signed a request, checked with {@code libs/aws-protocol}'s SigV4
 *   verifier (identity-service's own) against the access keys declared here.</li>
 * </ul>
 * Both check policy-service's token (its test-only key, purpose, path, body) as identity-service does. PostgreSQL
 * and Kafka stay real.
 */
public class IdentityStandIn implements QuarkusTestResourceLifecycleManager {

    private static final Pattern PATH = Pattern.compile("/internal/v1/accounts/(\\d{12})/principals");
    private static final Map<String, List<Principal>> ACCOUNTS = new ConcurrentHashMap<>();
    /** Group ids by user id. */
    private static final Map<String, List<String>> MEMBERSHIPS = new ConcurrentHashMap<>();
    /** Tags by principal id. */
    private static final Map<String, Map<String, String>> TAGS = new ConcurrentHashMap<>();
    /** The principal each access key belongs to ({@code principal == null}: an account root), by access key id. */
    private static final Map<String, AccessKey> KEYS = new ConcurrentHashMap<>();
    /** The W3C trace context each account's last snapshot request carried (absent: none). */
    private static final Map<String, String> TRACE_CONTEXTS = new ConcurrentHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final TokenVerifier tokens = new TokenVerifier(Iam.IDENTITY,
            TrustedKeys.fromDirectory(Path.of("src/test/resources/trust/trusted")),
            Map.of(Purpose.SNAPSHOT, Set.of("policy-service"), Purpose.AUTHENTICATE, Set.of("policy-service")), java.time.Clock.systemUTC());
    private final SigV4Verifier signatures = new SigV4Verifier();

    /** An access key of a user, or of an account's root ({@code principal} {@code null}). */
    public record AccessKey(String accountId, Principal principal, String accessKeyId, String secret) {
    }

    /** The {@code traceparent} header of the account's last snapshot request, if it carried one. */
    public static String traceContext(String accountId) {
        return TRACE_CONTEXTS.get(accountId);
    }

    public static Principal user(String accountId, String name) {
        return add(accountId, "user", EntityType.USER, name);
    }

    public static Principal group(String accountId, String name) {
        return add(accountId, "group", EntityType.GROUP, name);
    }

    public static Principal role(String accountId, String name) {
        return add(accountId, "role", EntityType.ROLE, name);
    }

    /** Tags {@code principal} (declare before the account's first call). */
    public static void tag(Principal principal, String key, String value) {
        TAGS.computeIfAbsent(principal.id(), id -> new ConcurrentHashMap<>()).put(key, value);
    }

    /** A new access key of {@code user}. */
    public static AccessKey accessKey(String accountId, Principal user) {
        return newKey(accountId, user);
    }

    /** A new access key of the root user of {@code accountId} (which then exists). */
    public static AccessKey rootKey(String accountId) {
        ACCOUNTS.computeIfAbsent(accountId, id -> new java.util.concurrent.CopyOnWriteArrayList<>());
        return newKey(accountId, null);
    }

    private static AccessKey newKey(String accountId, Principal principal) {
        AccessKey key = new AccessKey(accountId, principal, EntityType.ACCESS_KEY.newId(RANDOM),
                secret());
        KEYS.put(key.accessKeyId(), key);
        return key;
    }

    private static String secret() {
        byte[] secret = new byte[30];
        RANDOM.nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    /** Makes {@code user} a member of {@code group} (declare before the account's first call). */
    public static void join(Principal user, Principal group) {
        MEMBERSHIPS.computeIfAbsent(user.id(), id -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(group.id());
    }

    private static Principal add(String accountId, String type, EntityType idType, String name) {
        Principal principal = new Principal(type, idType.newId(RANDOM), name, "/", "arn:aws:iam::" + accountId + ":" + type + "/" + name);
        ACCOUNTS.computeIfAbsent(accountId, id -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(principal);
        return principal;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/internal/v1/accounts/", exchange -> {
            Matcher m = PATH.matcher(exchange.getRequestURI().getPath());
            try {
                tokens.verify(exchange.getRequestHeaders().getFirst("Authorization"), Purpose.SNAPSHOT, "GET",
                        exchange.getRequestURI().getRawPath(), new byte[0]);
            } catch (IamException e) {
                exchange.sendResponseHeaders(403, -1);
                exchange.close();
                return;
            }
            String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
            if (m.matches() && traceparent != null) {
                TRACE_CONTEXTS.put(m.group(1), traceparent);
            }
            List<Principal> principals = m.matches() ? ACCOUNTS.get(m.group(1)) : null;
            byte[] body = principals == null ? new byte[0] : snapshot(m.group(1), principals);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(principals == null ? 404 : 200, principals == null ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/internal/v1/authenticate", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status;
            Object answer;
            try {
                tokens.verify(exchange.getRequestHeaders().getFirst("Authorization"), Purpose.AUTHENTICATE, "POST",
                        exchange.getRequestURI().getRawPath(), body);
                answer = authenticate(JSON.readValue(body, new TypeReference<Map<String, Object>>() { }));
                status = 200;
            } catch (IamException e) {
                status = e.code().httpStatus();
                answer = Map.of("code", e.code().awsCode(), "detail", e.getMessage());
            }
            byte[] json = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, json.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(json);
            }
        });
        server.start();
        return Map.of("iam.identity-service-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** What identity-service answers: the caller that signed the request described, or its AWS error. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> authenticate(Map<String, Object> described) {
        HttpRequestData request = new HttpRequestData((String) described.get("method"), (String) described.get("rawPath"),
                (String) described.get("rawQuery"), (Map<String, List<String>>) described.get("headers"),
                Base64.getDecoder().decode((String) described.get("body")));
        SigV4Credential credential = SigV4Verifier.parse(request);
        SigV4Verifier.checkTimeAndScope(credential, (String) described.get("service"), Instant.now());
        AccessKey key = KEYS.get(credential.accessKeyId());
        if (key == null) {
            throw new IamException(ErrorCode.INVALID_CLIENT_TOKEN_ID, "The security token included in the request is invalid.");
        }
        signatures.verify(request, credential, key.secret(), (String) described.get("service"), Instant.now());
        Map<String, Object> caller = new LinkedHashMap<>();
        caller.put("accountId", key.accountId());
        caller.put("arn", key.principal() == null ? "arn:aws:iam::" + key.accountId() + ":root" : key.principal().arn());
        caller.put("principalId", key.principal() == null ? key.accountId() : key.principal().id());
        caller.put("accessKeyId", key.accessKeyId());
        caller.put("root", key.principal() == null);
        return caller;
    }

    /** identity-service's snapshot document, at revision 0 (no identity events are published in these tests). */
    private static byte[] snapshot(String accountId, List<Principal> principals) throws IOException {
        List<Map<String, Object>> users = new ArrayList<>();
        List<Map<String, Object>> groups = new ArrayList<>();
        List<Map<String, Object>> roles = new ArrayList<>();
        for (Principal p : principals) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put(p.type() + "Id", p.id());
            entry.put(p.type() + "Name", p.name());
            entry.put("path", p.path());
            entry.put("arn", p.arn());
            switch (p.type()) {
                case "user" -> {
                    entry.put("tags", tags(p));
                    entry.put("groupIds", MEMBERSHIPS.getOrDefault(p.id(), List.of()));
                    users.add(entry);
                }
                case "group" -> groups.add(entry);
                default -> {
                    entry.put("tags", tags(p));
                    entry.put("maxSessionDuration", 3600);
                    roles.add(entry);
                }
            }
        }
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("accountId", accountId);
        snapshot.put("revision", 0);
        snapshot.put("users", users);
        snapshot.put("groups", groups);
        snapshot.put("roles", roles);
        return JSON.writeValueAsString(snapshot).getBytes(StandardCharsets.UTF_8);
    }

    private static List<Map<String, String>> tags(Principal principal) {
        List<Map<String, String>> tags = new ArrayList<>();
        TAGS.getOrDefault(principal.id(), Map.of()).forEach((key, value) -> tags.add(Map.of("key", key, "value", value)));
        return tags;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
