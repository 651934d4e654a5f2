package dev.openiam.internalauth;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.Use;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The public keys of the peer services, by service name: what a receiver verifies tokens with. Each service
 * publishes a JWKS document (several keys while one is rotated out); every key must be an ES256 P-256 signing key
 * with a {@code kid}, and no kid may belong to two services, so a kid names exactly one issuer.
 */
public final class TrustedKeys {

    /** The file name suffix of a service's JWKS in a directory of them (a mounted ConfigMap). */
    public static final String SUFFIX = ".jwks.json";

    private final Map<String, String> serviceByKid;
    private final String jwks;

    private TrustedKeys(Map<String, String> serviceByKid, String jwks) {
        this.serviceByKid = serviceByKid;
        this.jwks = jwks;
    }

    /** From JWKS documents by service name; refuses a key that is not an ES256 signing key, or a kid seen twice. */
    public static TrustedKeys fromJwks(Map<String, String> jwksByService) {
        Map<String, String> serviceByKid = new LinkedHashMap<>();
        List<JsonWebKey> all = new ArrayList<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(jwksByService).entrySet()) {
            String service = ServiceKey.requireName(entry.getKey());
            for (JsonWebKey key : parse(service, entry.getValue())) {
                String owner = serviceByKid.putIfAbsent(key.getKeyId(), service);
                if (owner != null) {
                    throw new IllegalArgumentException("the key " + key.getKeyId() + " is listed for both " + owner + " and " + service);
                }
                all.add(key);
            }
        }
        return new TrustedKeys(Map.copyOf(serviceByKid),
                new JsonWebKeySet(all).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    }

    /** From the {@code <service>.jwks.json} files of {@code directory}; other files are ignored. */
    public static TrustedKeys fromDirectory(Path directory) {
        Map<String, String> documents = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (Files.isRegularFile(file)) {
                    documents.put(name.substring(0, name.length() - SUFFIX.length()), Files.readString(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trusted keys in " + directory, e);
        }
        return fromJwks(documents);
    }

    /** The service whose key {@code kid} is. */
    public Optional<String> serviceOf(String kid) {
        return kid == null ? Optional.empty() : Optional.ofNullable(serviceByKid.get(kid));
    }

    /** The services with at least one key. */
    public Set<String> services() {
        return Set.copyOf(serviceByKid.values());
    }

    public boolean isEmpty() {
        return serviceByKid.isEmpty();
    }

    /** Every trusted key in one JWKS document, for a verifying parser (which picks a key by kid). */
    public String jwks() {
        return jwks;
    }

    private static List<JsonWebKey> parse(String service, String document) {
        List<JsonWebKey> keys;
        try {
            keys = new JsonWebKeySet(document).getJsonWebKeys();
        } catch (JoseException | RuntimeException e) {
            throw new IllegalArgumentException("the JWKS of " + service + " cannot be read");
        }
        for (JsonWebKey key : keys) {
            boolean es256 = key instanceof EllipticCurveJsonWebKey ec && ServiceKey.onP256(ec.getECPublicKey().getParams())
                    && (key.getAlgorithm() == null || SignatureAlgorithm.ES256.getAlgorithm().equals(key.getAlgorithm()))
                    && (key.getUse() == null || Use.SIGNATURE.equals(key.getUse()));
            if (!es256 || key.getKeyId() == null || key.getKeyId().isBlank()) {
                throw new IllegalArgumentException("the JWKS of " + service + " holds a key that is not an ES256 signing key with a kid");
            }
            // an absent alg would let the parser try the key with another algorithm family: pin it
            key.setAlgorithm(SignatureAlgorithm.ES256.getAlgorithm());
        }
        return keys;
    }
}
