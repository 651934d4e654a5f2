package dev.openiam.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An OpenID Connect issuer for the tests, as a Kubernetes API server or an IdP is one: RSA signing keys made here, its
 * discovery document and JWKS served over HTTPS by the JDK's HTTP server with a self-signed certificate (made with
 * the JDK's keytool), so sts-service trusts it by the thumbprint its OIDC provider is registered with.
 */
final class TestIssuer implements AutoCloseable {

    private static final String PASSWORD = "test-issuer";

    private final HttpsServer server;
    private final String issuer;
    private final String thumbprint;
    private final PublicJsonWebKey key;
    private final AtomicInteger jwksFetches = new AtomicInteger();

    TestIssuer(String path) throws Exception {
        Path dir = Files.createDirectories(Path.of("target/test-issuer")).toAbsolutePath();
        Path store = dir.resolve("issuer-" + System.nanoTime() + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "issuer", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        Certificate certificate = keys.getCertificate("issuer");
        thumbprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);

        key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("test-key-1");
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        issuer = "https://127.0.0.1:" + server.getAddress().getPort() + path;
        server.createContext(path + "/.well-known/openid-configuration", exchange -> json(exchange,
                "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/openid/v1/jwks\","
                        + "\"response_types_supported\":[\"id_token\"],\"subject_types_supported\":[\"public\"],"
                        + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
        server.createContext(path + "/openid/v1/jwks", exchange -> {
            jwksFetches.incrementAndGet();
            json(exchange, new JsonWebKeySet(List.<JsonWebKey>of(key)).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        });
        server.start();
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** The issuer URL, as the tokens' {@code iss} say it. */
    String issuer() {
        return issuer;
    }

    /** The provider URL IAM stores and names condition keys by: the issuer without {@code https://}. */
    String host() {
        return issuer.substring("https://".length());
    }

    /** The SHA-1 thumbprint of the server's certificate, for CreateOpenIDConnectProvider. */
    String thumbprint() {
        return thumbprint;
    }

    int jwksFetches() {
        return jwksFetches.get();
    }

    /** A token of this issuer for {@code subject} and {@code audiences}, valid for ten minutes, as {@code change} alters it. */
    String token(String subject, List<String> audiences, Consumer<JwtClaims> change) {
        return sign(claims(subject, audiences, change), key);
    }

    /** A projected service-account token as the kubelet writes it: audiences, one hour, the {@code kubernetes.io} claim. */
    String kubernetesToken(String namespace, String serviceAccount, List<String> audiences) {
        return token("system:serviceaccount:" + namespace + ":" + serviceAccount, audiences, claims -> {
            claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().plus(Duration.ofHours(1)).getEpochSecond()));
            claims.setClaim("kubernetes.io", Map.of("namespace", namespace,
                    "serviceaccount", Map.of("name", serviceAccount, "uid", "5a0b7d7e-5c1e-4f0e-9a51-1b1d1f3a0c01"),
                    "pod", Map.of("name", serviceAccount + "-7d9c", "uid", "a3c2e1f0-0000-4000-8000-000000000001")));
        });
    }

    JwtClaims claims(String subject, List<String> audiences, Consumer<JwtClaims> change) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setAudience(audiences);
        long now = Instant.now().getEpochSecond();
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setNotBefore(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + 600));
        change.accept(claims);
        return claims;
    }

    /** {@code claims} signed with RS256 by {@code signer} (this issuer's key, or a stranger's for a forged token). */
    static String sign(JwtClaims claims, PublicJsonWebKey signer) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(signer.getPrivateKey());
            jws.setKeyIdHeaderValue(signer.getKeyId());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key that is not this issuer's but claims its key id. */
    static PublicJsonWebKey stranger() throws JoseException {
        PublicJsonWebKey stranger = RsaJwkGenerator.generateJwk(2048);
        stranger.setKeyId("test-key-1");
        return stranger;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
