package dev.openiam.internalauth;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.util.BigIntegers;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.Use;
import org.jose4j.keys.EllipticCurves;

import javax.crypto.KeyAgreement;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPrivateKeySpec;

/**
 * A service's key-agreement key (P-256 ECDH), derived deterministically from its signing key with HKDF-SHA256: no
 * new key material to generate, distribute or rotate apart from the signing key, yet a key of its own (ECDSA and ECDH
 * never use the same scalar; HKDF is one-way, so the agreement key reveals nothing of the signing key). Its public half
 * is published beside the signing key ({@code use: enc}, its own {@code kid}, the RFC 7638 thumbprint); peers agree
 * with it on the pairwise MAC keys of {@link PeerKeys}.
 */
public final class AgreementKey {

    /** The {@code alg} its JWK carries: an ECDH-ES key-agreement key. */
    public static final String ALGORITHM = "ECDH-ES";
    private static final byte[] SALT = "openiam internal-auth agreement key v1".getBytes(StandardCharsets.US_ASCII);

    private final String service;
    private final ECPrivateKey privateKey;
    private final EllipticCurveJsonWebKey publicJwk;

    private AgreementKey(String service, ECPrivateKey privateKey, ECPublicKey publicKey) {
        this.service = service;
        this.privateKey = privateKey;
        this.publicJwk = ServiceKey.publicJwk(publicKey, ALGORITHM, Use.ENCRYPTION);
    }

    /**
     * The agreement key of {@code signing}: scalar = 1 + (HKDF-SHA256(signing scalar, salt, service name, 48 bytes)
     * mod (n − 1)), 16 bytes more than the order's length so the reduction's bias is negligible (FIPS 186-5 A.2.1).
     */
    static AgreementKey derive(ServiceKey signing) {
        BigInteger order = EllipticCurves.P256.getOrder();
        byte[] ikm = BigIntegers.asUnsignedByteArray(32, ((ECPrivateKey) signing.privateKey()).getS());
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(ikm, SALT, signing.service().getBytes(StandardCharsets.US_ASCII)));
        byte[] okm = new byte[48];
        hkdf.generateBytes(okm, 0, okm.length);
        BigInteger d = new BigInteger(1, okm).mod(order.subtract(BigInteger.ONE)).add(BigInteger.ONE);
        try {
            ECPrivateKey key = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, EllipticCurves.P256));
            return new AgreementKey(signing.service(), key, ServiceKey.publicOf(key));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make P-256 keys", e);
        }
    }

    /** The service it belongs to. */
    public String service() {
        return service;
    }

    /** Its key id ({@code kid} of its JWK). */
    public String kid() {
        return publicJwk.getKeyId();
    }

    /** The public JWK: {@code kty EC}, {@code crv P-256}, {@code use enc}, {@code alg ECDH-ES}, {@code kid}. */
    public EllipticCurveJsonWebKey publicJwk() {
        return publicJwk;
    }

    /** The ECDH shared secret with {@code peer} (the x coordinate, 32 bytes); JCA's KeyAgreement checks the point. */
    byte[] agree(ECPublicKey peer) {
        try {
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(privateKey);
            agreement.doPhase(peer, true);
            return agreement.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("no key agreement with that key", e);
        }
    }

    @Override
    public String toString() {
        return "AgreementKey[" + service + ", kid " + kid() + "]";
    }
}
