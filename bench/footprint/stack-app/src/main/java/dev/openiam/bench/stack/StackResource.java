package dev.openiam.bench.stack;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

/**
 * One call that touches each part of the stack once: a row through Hibernate Reactive, a JSON call to a peer over the
 * Vert.x web client (itself), a MAC'd JWT (jose4j), a digest (Bouncy Castle), a Kafka record acknowledged by the
 * broker, and a JSON answer — with HTTP metrics, traces and JSON logs on, as in the services.
 */
@Path("/stack")
public class StackResource {

    private static final HmacKey KEY = new HmacKey("a key of thirty-two bytes, for HS256".getBytes(StandardCharsets.UTF_8));

    private final WebClient client;
    private final Records records;
    private final String peer;

    public StackResource(Vertx vertx, Records records, @ConfigProperty(name = "quarkus.http.port") int port) {
        this.client = WebClient.create(vertx);
        this.records = records;
        this.peer = "http://127.0.0.1:" + port + "/stack/echo";
    }

    @GET
    @Path("/{id}")
    public Uni<Map<String, Object>> get(Long id) {
        // the broker acknowledges on the producer's thread: the answer goes on from the request's own context
        Context request = io.vertx.core.Vertx.currentContext();
        return Panache.withSession(() -> Item.<Item>findById(id)).onItem().ifNull().failWith(NotFoundException::new)
                .chain(item -> client.postAbs(peer).sendJsonObject(new JsonObject().put("name", item.name)).chain(echo -> {
                    String token = token(item);
                    return Uni.createFrom().completionStage(records.send(String.valueOf(id), token))
                            .emitOn(task -> request.runOnContext(ignored -> task.run()))
                            .replaceWith(Map.<String, Object>of("id", id, "name", echo.bodyAsJsonObject().getString("name"),
                                    "revision", item.revision, "digest", digest(token)));
                }));
    }

    @POST
    @Path("/echo")
    public Map<String, Object> echo(Map<String, Object> body) {
        return body;
    }

    private static String token(Item item) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(item.name);
        claims.setClaim("rev", item.revision);
        claims.setIssuedAtToNow();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(KEY);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String digest(String token) {
        SHA256Digest sha = new SHA256Digest();
        byte[] in = token.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[32];
        sha.update(in, 0, in.length);
        sha.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }
}
