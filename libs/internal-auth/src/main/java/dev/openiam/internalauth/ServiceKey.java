package dev.openiam.internalauth;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.Use;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import java.util.Objects;

/**
 * One service's own signing key: an ES256 (P-256) key pair, named by its {@code kid} (the RFC 7638 thumbprint of the
 * public key, so the same key file always gives the same kid, and a new key a new one). The private key stays in
 * the service (a file, e.g. a mounted Kubernetes Secret); the public half is published as a JWKS document for the
 * services that verify its tokens.
 */
public final class ServiceKey {

    private static final String CURVE = "secp256r1";

    private final String service;
    private final ECPrivateKey privateKey;
    private final EllipticCurveJsonWebKey publicJwk;
    private volatile AgreementKey agreementKey;

    private ServiceKey(String service, ECPrivateKey privateKey, ECPublicKey publicKey) {
        this.service = requireName(service);
        this.privateKey = privateKey;
        this.publicJwk = publicJwk(publicKey, SignatureAlgorithm.ES256.getAlgorithm(), Use.SIGNATURE);
    }

    /** A new random key pair for {@code service}. */
    public static ServiceKey generate(String service) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(CURVE));
            KeyPair pair = generator.generateKeyPair();
            return new ServiceKey(service, (ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate P-256 keys", e);
        }
    }

    /** {@code service}'s key from a PEM-encoded PKCS#8 P-256 private key ({@code -----BEGIN PRIVATE KEY-----}). */
    public static ServiceKey fromPem(String service, String pkcs8Pem) {
        PrivateKey key;
        try {
            key = KeyUtils.decodePrivateKey(Objects.requireNonNull(pkcs8Pem, "pkcs8Pem"), SignatureAlgorithm.ES256);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the key of " + service + " is not a PKCS#8 EC private key in PEM");
        }
        if (!(key instanceof ECPrivateKey ec) || !onP256(ec.getParams())) {
            throw new IllegalArgumentException("the key of " + service + " is not on the P-256 curve");
        }
        return new ServiceKey(service, ec, publicOf(ec));
    }

    /** {@code service}'s key from a file holding its PKCS#8 PEM (see {@link #fromPem}). */
    public static ServiceKey read(String service, Path file) {
        try {
            return fromPem(service, Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key of " + service + " from " + file, e);
        }
    }

    /** The service this key belongs to (the {@code iss} of what it signs). */
    public String service() {
        return service;
    }

    /** The key's id ({@code kid}). */
    public String kid() {
        return publicJwk.getKeyId();
    }

    /** The private key as PKCS#8 PEM, for the key file; {@link #fromPem} reads it back. */
    public String privateKeyPem() {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(privateKey.getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
    }

    /** A JWKS document holding the public key only, with its {@code kid}, {@code alg} ES256 and {@code use} sig. */
    public String publicJwks() {
        return new JsonWebKeySet(publicJwk).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /**
     * The document a service publishes to its peers (its {@code <service>.jwks.json}, {@code GET /internal/v1/jwks}):
     * the signing key above and the {@link AgreementKey} derived from it ({@code use enc}).
     */
    public String trustJwks() {
        return new JsonWebKeySet(publicJwk, agreementKey().publicJwk()).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** This service's key-agreement key, derived from this key (see {@link AgreementKey#derive}). */
    public AgreementKey agreementKey() {
        AgreementKey derived = agreementKey;
        if (derived == null) {
            derived = AgreementKey.derive(this);
            agreementKey = derived;
        }
        return derived;
    }

    /** The private key: to sign with, or to decrypt with when the pair is an encryption key. Never serialized. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    public ECPublicKey publicKey() {
        return publicJwk.getECPublicKey();
    }

    @Override
    public String toString() {
        return "ServiceKey[" + service + ", kid " + kid() + "]";
    }

    static String requireName(String service) {
        if (service == null || !service.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("a service name is lower-case letters, digits and dashes, not `" + service + "`");
        }
        return service;
    }

    /** Whether the parameters are P-256's (ECParameterSpec has no equals of its own). */
    /**
     * Whether {@code key} is an ES256 signing key with a kid: P-256, {@code alg} absent or ES256, {@code use} absent or
     * {@code sig} (an ECDH-ES agreement key published beside it is not one).
     */
    public static boolean isEs256SigningKey(JsonWebKey key) {
        return key instanceof EllipticCurveJsonWebKey ec && onP256(ec.getECPublicKey().getParams())
                && (key.getAlgorithm() == null || SignatureAlgorithm.ES256.getAlgorithm().equals(key.getAlgorithm()))
                && (key.getUse() == null || Use.SIGNATURE.equals(key.getUse()))
                && key.getKeyId() != null && !key.getKeyId().isBlank();
    }

    static boolean onP256(java.security.spec.ECParameterSpec params) {
        return params.getCurve().equals(EllipticCurves.P256.getCurve())
                && params.getOrder().equals(EllipticCurves.P256.getOrder())
                && params.getGenerator().equals(EllipticCurves.P256.getGenerator());
    }

    /** The public point d·G of a private key, computed by Bouncy Castle. */
    static ECPublicKey publicOf(ECPrivateKey key) {
        ECNamedCurveParameterSpec curve = ECNamedCurveTable.getParameterSpec(CURVE);
        org.bouncycastle.math.ec.ECPoint q = curve.getG().multiply(key.getS()).normalize();
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                    new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()), key.getParams()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot derive the public key", e);
        }
    }

    /** {@code publicKey} as a JWK for {@code algorithm} and {@code use}, its key id the RFC 7638 thumbprint. */
    static EllipticCurveJsonWebKey publicJwk(ECPublicKey publicKey, String algorithm, String use) {
        EllipticCurveJsonWebKey jwk;
        try {
            jwk = (EllipticCurveJsonWebKey) PublicJsonWebKey.Factory.newPublicJwk(publicKey);
            jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256));
        } catch (JoseException e) {
            throw new IllegalArgumentException("not a usable P-256 key", e);
        }
        jwk.setAlgorithm(algorithm);
        jwk.setUse(use);
        return jwk;
    }
}
