package dev.openiam.sts.webidentity;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.vertx.mutiny.core.Vertx;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fetching an issuer's keys over real HTTPS (the JDK's server, a certificate made with keytool): trusted by thumbprint,
 * kept, fetched again for an unknown key id only as often as allowed, refused when the TLS server or the discovery
 * document is not the issuer's; configured keys are never fetched.
 */
class ProviderKeysTest {

    static final String PASSWORD = "provider-keys";

    HttpsServer server;
    String issuer;
    String thumbprint;
    final AtomicInteger jwksFetches = new AtomicInteger();
    final List<PublicJsonWebKey> published = new ArrayList<>();
    volatile String discoveryIssuer;
    Vertx vertx;

    @BeforeEach
    void issuer() throws Exception {
        Path dir = Files.createDirectories(Path.of("target/provider-keys-test")).toAbsolutePath();
        Path store = dir.resolve("tls-" + System.nanoTime() + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "tls", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as("keytool").isTrue();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        thumbprint = ThumbprintTrust.thumbprint((X509Certificate) keys.getCertificate("tls"));
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        issuer = "https://127.0.0.1:" + server.getAddress().getPort() + "/oidc";
        discoveryIssuer = issuer;
        server.createContext("/oidc/.well-known/openid-configuration", exchange -> send(exchange,
                "{\"issuer\":\"" + discoveryIssuer + "\",\"jwks_uri\":\"" + issuer + "/keys\"}"));
        server.createContext("/oidc/keys", exchange -> {
            jwksFetches.incrementAndGet();
            send(exchange, new JsonWebKeySet(List.<JsonWebKey>copyOf(published)).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        });
        server.start();
        published.add(key("k1"));
        vertx = Vertx.vertx();
    }

    static void send(com.sun.net.httpserver.HttpExchange exchange, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        vertx.closeAndAwait();
    }

    static PublicJsonWebKey key(String kid) throws Exception {
        PublicJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId(kid);
        return key;
    }

    static WebIdentityConfig config(Duration refetch, Map<String, Path> files) {
        return new WebIdentityConfig() {
            public Map<String, Path> jwksFiles() {
                return files;
            }

            public Duration jwksTtl() {
                return Duration.ofHours(1);
            }

            public Duration jwksRefetchInterval() {
                return refetch;
            }

            public Duration fetchTimeout() {
                return Duration.ofSeconds(5);
            }

            public int maxIssuers() {
                return 10;
            }

            public Duration clockSkew() {
                return Duration.ofMinutes(1);
            }
        };
    }

    List<String> kids(ProviderKeys keys, String kid) {
        return keys.keys(issuer, List.of(thumbprint), kid).await().atMost(Duration.ofSeconds(20)).stream()
                .map(JsonWebKey::getKeyId).toList();
    }

    static void communicationError(Runnable fetch) {
        assertThatThrownBy(fetch::run).isInstanceOfSatisfying(IamException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.IDP_COMMUNICATION_ERROR));
    }

    /** A clock that stands still until moved on. */
    static final class MovingClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-06T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void keysAreFetchedOnceAndAgainForANewKeyIdOnlyAfterTheInterval() throws Exception {
        ProviderKeys patient = new ProviderKeys(config(Duration.ofHours(1), Map.of()), vertx);
        assertThat(kids(patient, "k1")).containsExactly("k1");
        assertThat(kids(patient, "k1")).containsExactly("k1");
        assertThat(jwksFetches.get()).isEqualTo(1);
        published.add(key("k2"));
        // within the interval an unknown key id does not reach the issuer
        assertThat(kids(patient, "k2")).containsExactly("k1");
        assertThat(jwksFetches.get()).isEqualTo(1);

        MovingClock clock = new MovingClock();
        ProviderKeys eager = new ProviderKeys(config(Duration.ZERO, Map.of()), vertx, clock);
        assertThat(kids(eager, "k1")).containsExactly("k1", "k2");
        published.add(key("k3"));
        // at the very instant of the last fetch an unknown key id does not fetch again, even with no interval
        assertThat(kids(eager, "k3")).containsExactly("k1", "k2");
        assertThat(jwksFetches.get()).isEqualTo(2);
        clock.advance(Duration.ofMillis(1));
        assertThat(kids(eager, "k3")).containsExactly("k1", "k2", "k3");
        assertThat(jwksFetches.get()).isEqualTo(3);
    }

    @Test
    void aServerWithoutTheThumbprintOrADiscoveryOfAnotherIssuerIsNotTrusted() {
        ProviderKeys keys = new ProviderKeys(config(Duration.ofHours(1), Map.of()), vertx);
        communicationError(() -> keys.keys(issuer, List.of("0".repeat(40)), "k1").await().atMost(Duration.ofSeconds(20)));
        communicationError(() -> keys.keys(issuer, List.of(), "k1").await().atMost(Duration.ofSeconds(20)));
        discoveryIssuer = "https://attacker.example.com";
        communicationError(() -> keys.keys(issuer, List.of(thumbprint), "k1").await().atMost(Duration.ofSeconds(20)));
        // plain HTTP is never fetched
        communicationError(() -> keys.keys("http://127.0.0.1:" + server.getAddress().getPort() + "/oidc", List.of(), "k1")
                .await().atMost(Duration.ofSeconds(20)));
        assertThat(jwksFetches.get()).isZero();
    }

    @Test
    void configuredKeysAreUsedWithoutFetching() throws Exception {
        Path file = Files.createDirectories(Path.of("target/provider-keys-test")).resolve("cluster-" + System.nanoTime() + ".json");
        Files.writeString(file, new JsonWebKeySet(List.<JsonWebKey>of(key("offline"))).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        String cluster = "https://kubernetes.default.svc";
        ProviderKeys keys = new ProviderKeys(config(Duration.ZERO, Map.of(cluster, file)), vertx);
        assertThat(keys.keys(cluster, List.of(), "offline").await().atMost(Duration.ofSeconds(5)))
                .extracting(JsonWebKey::getKeyId).containsExactly("offline");
        assertThat(keys.keys(cluster, List.of(), "other").await().atMost(Duration.ofSeconds(5)))
                .extracting(JsonWebKey::getKeyId).containsExactly("offline");
        assertThat(jwksFetches.get()).isZero();
    }
}
