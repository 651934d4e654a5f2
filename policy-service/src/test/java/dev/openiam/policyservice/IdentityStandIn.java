package dev.openiam.policyservice;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.TokenVerifier;
import dev.openiam.internalauth.TrustedKeys;
import dev.openiam.model.EntityType;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TEST-ONLY stand-in for identity-service's principal snapshot endpoint
 * ({@code GET /internal/v1/accounts/{id}/principals}), so that the tests go through the real
 * {@code PrincipalDirectory} (the identity projection) without running identity-service. The tests declare
 * an account's users, groups and roles here before the account's first call; the projection loads them
 * from this endpoint as it would from identity-service, under a snapshot token that the stand-in checks as
 * identity-service does (policy-service's test-only key, purpose, path). PostgreSQL and Kafka stay real.
 */
public class IdentityStandIn implements QuarkusTestResourceLifecycleManager {

    private static final Pattern PATH = Pattern.compile("/internal/v1/accounts/(\\d{12})/principals");
    private static final Map<String, List<Principal>> ACCOUNTS = new ConcurrentHashMap<>();
    /** Group ids by user id. */
    private static final Map<String, List<String>> MEMBERSHIPS = new ConcurrentHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final TokenVerifier tokens = new TokenVerifier("identity-service",
            TrustedKeys.fromDirectory(Path.of("src/test/resources/trust/trusted")), Map.of(Purpose.SNAPSHOT, Set.of("policy-service")),
            java.time.Clock.systemUTC());

    public static Principal user(String accountId, String name) {
        return add(accountId, "user", EntityType.USER, name);
    }

    public static Principal group(String accountId, String name) {
        return add(accountId, "group", EntityType.GROUP, name);
    }

    public static Principal role(String accountId, String name) {
        return add(accountId, "role", EntityType.ROLE, name);
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
            List<Principal> principals = m.matches() ? ACCOUNTS.get(m.group(1)) : null;
            byte[] body = principals == null ? new byte[0] : snapshot(m.group(1), principals);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(principals == null ? 404 : 200, principals == null ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return Map.of("iam.identity-service-url", "http://127.0.0.1:" + server.getAddress().getPort());
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
                    entry.put("tags", List.of());
                    entry.put("groupIds", MEMBERSHIPS.getOrDefault(p.id(), List.of()));
                    users.add(entry);
                }
                case "group" -> groups.add(entry);
                default -> {
                    entry.put("tags", List.of());
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

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
