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
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The public keys of the peer services, by service name. Each service publishes a JWKS document
 * ({@link ServiceKey#trustJwks()}; several keys while one is rotated out): ES256 P-256 signing keys ({@code use sig}
 * or no {@code use}) and P-256 key-agreement keys ({@code use enc}, {@code alg ECDH-ES} or none), each with a
 * {@code kid}; no kid may belong to two services, so a kid names exactly one service.
 */
public final class TrustedKeys {

    /** The file name suffix of a service's JWKS in a directory of them (a mounted ConfigMap). */
    public static final String SUFFIX = ".jwks.json";

    /** A peer's key-agreement key. */
    public record Agreement(String service, String kid, ECPublicKey key) {
    }

    private final Map<String, String> serviceByKid;
    private final Map<String, Agreement> agreementByKid;
    /** The first agreement key each service lists: the one tokens to it are keyed with. */
    private final Map<String, Agreement> agreementByService;
    private final String jwks;
    private final String document;

    private TrustedKeys(Map<String, String> serviceByKid, Map<String, Agreement> agreementByKid,
                        Map<String, Agreement> agreementByService, String jwks, String document) {
        this.serviceByKid = serviceByKid;
        this.agreementByKid = agreementByKid;
        this.agreementByService = agreementByService;
        this.jwks = jwks;
        this.document = document;
    }

    /** The published keys ({@link ServiceKey#trustJwks()}) of {@code keys}: for tests and tools holding the key files. */
    public static TrustedKeys of(ServiceKey... keys) {
        Map<String, String> documents = new TreeMap<>();
        for (ServiceKey key : keys) {
            documents.put(key.service(), key.trustJwks());
        }
        return fromJwks(documents);
    }

    /** From JWKS documents by service name; refuses a key that is neither kind above, or a kid seen twice. */
    public static TrustedKeys fromJwks(Map<String, String> jwksByService) {
        Map<String, String> serviceByKid = new LinkedHashMap<>();
        Map<String, Agreement> agreementByKid = new LinkedHashMap<>();
        Map<String, Agreement> agreementByService = new LinkedHashMap<>();
        Map<String, String> ownerByKid = new java.util.HashMap<>();
        List<JsonWebKey> signing = new ArrayList<>();
        List<JsonWebKey> all = new ArrayList<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(jwksByService).entrySet()) {
            String service = ServiceKey.requireName(entry.getKey());
            for (JsonWebKey key : parse(service, entry.getValue())) {
                String owner = ownerByKid.putIfAbsent(key.getKeyId(), service);
                if (owner != null) {
                    throw new IllegalArgumentException("the key " + key.getKeyId() + " is listed for both " + owner + " and " + service);
                }
                all.add(key);
                if (Use.ENCRYPTION.equals(key.getUse())) {
                    Agreement agreement = new Agreement(service, key.getKeyId(), ((EllipticCurveJsonWebKey) key).getECPublicKey());
                    agreementByKid.put(key.getKeyId(), agreement);
                    agreementByService.putIfAbsent(service, agreement);
                } else {
                    serviceByKid.put(key.getKeyId(), service);
                    signing.add(key);
                }
            }
        }
        return new TrustedKeys(Map.copyOf(serviceByKid), Map.copyOf(agreementByKid), Map.copyOf(agreementByService),
                new JsonWebKeySet(signing).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY),
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

    /** The service whose signing key {@code kid} is. */
    public Optional<String> serviceOf(String kid) {
        return kid == null ? Optional.empty() : Optional.ofNullable(serviceByKid.get(kid));
    }

    /** The key-agreement key {@code kid} names, with its service. */
    public Optional<Agreement> agreement(String kid) {
        return kid == null ? Optional.empty() : Optional.ofNullable(agreementByKid.get(kid));
    }

    /** The key-agreement key tokens to {@code service} are keyed with: the first its document lists. */
    public Optional<Agreement> agreementOf(String service) {
        return Optional.ofNullable(agreementByService.get(service));
    }

    /** The services with at least one key. */
    public Set<String> services() {
        Set<String> services = new java.util.TreeSet<>(serviceByKid.values());
        services.addAll(agreementByService.keySet());
        return Set.copyOf(services);
    }

    public boolean isEmpty() {
        return serviceByKid.isEmpty() && agreementByKid.isEmpty();
    }

    /** Every trusted signing key in one JWKS document, for a verifying parser (which picks a key by kid). */
    public String jwks() {
        return jwks;
    }

    /** Whether {@code other} holds exactly these keys. */
    public boolean sameKeys(TrustedKeys other) {
        return other != null && document.equals(other.document);
    }

    private static List<JsonWebKey> parse(String service, String document) {
        List<JsonWebKey> keys;
        try {
            keys = new JsonWebKeySet(document).getJsonWebKeys();
        } catch (JoseException | RuntimeException e) {
            throw new IllegalArgumentException("the JWKS of " + service + " cannot be read");
        }
        for (JsonWebKey key : keys) {
            if (Use.ENCRYPTION.equals(key.getUse())) {
                boolean agreement = key instanceof EllipticCurveJsonWebKey ec && ServiceKey.onP256(ec.getECPublicKey().getParams())
                        && (key.getAlgorithm() == null || AgreementKey.ALGORITHM.equals(key.getAlgorithm()));
                if (!agreement || key.getKeyId() == null || key.getKeyId().isBlank()) {
                    throw new IllegalArgumentException("the JWKS of " + service + " holds an enc key that is not a P-256 ECDH-ES key with a kid");
                }
                key.setAlgorithm(AgreementKey.ALGORITHM);
                continue;
            }
            if (!ServiceKey.isEs256SigningKey(key)) {
                throw new IllegalArgumentException("the JWKS of " + service + " holds a key that is not an ES256 signing key with a kid");
            }
            // an absent alg would let the parser try the key with another algorithm family: pin it
            key.setAlgorithm(SignatureAlgorithm.ES256.getAlgorithm());
        }
        return keys;
    }
}
