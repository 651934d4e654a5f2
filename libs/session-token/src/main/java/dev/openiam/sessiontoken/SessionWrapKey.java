package dev.openiam.sessiontoken;

import dev.openiam.internalauth.ServiceKey;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.util.BigIntegers;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.HeaderParameterNames;
import org.jose4j.lang.JoseException;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.util.Arrays;

/**
 * The AES-256 key-wrapping key of session tokens (JWE {@code A256KW}), derived with HKDF-SHA256 from the private half
 * of the session-encryption key pair and its kid, so exactly the holders of that private key — sts-service and the
 * front doors, as before — hold it, and a new key pair gives a new wrapping key. Wrapping each token's fresh content
 * key with it costs microseconds, where ECDH-ES cost an ephemeral P-256 key and a key agreement per token.
 */
public final class SessionWrapKey {

    private static final byte[] SALT = "openiam session token".getBytes(StandardCharsets.UTF_8);

    private SessionWrapKey() {
    }

    /** The wrapping key of session tokens. */
    public static SecretKey of(ServiceKey encryption) {
        return derive(encryption, "A256KW");
    }

    /**
     * The wrapping key of the encoded authorization messages of AccessDenied answers: derived alike, for another use,
     * so it is not the session tokens' key.
     */
    public static SecretKey ofAuthorizationMessages(ServiceKey encryption) {
        return derive(encryption, "authorization message A256KW");
    }

    /**
     * {@code jws} (a signed or MAC'd JWT) inside a JWE whose fresh content key (A256GCM) is wrapped by {@code wrapKey}
     * (A256KW), {@code kid} naming the session-encryption key it derives from, {@code cty JWT}: the form of session
     * tokens and of encoded authorization messages.
     */
    public static String seal(JsonWebSignature jws, String kid, SecretKey wrapKey) throws JoseException {
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setAlgorithmHeaderValue(KeyManagementAlgorithmIdentifiers.A256KW);
        jwe.setEncryptionMethodHeaderParameter(ContentEncryptionAlgorithmIdentifiers.AES_256_GCM);
        jwe.setKeyIdHeaderValue(kid);
        jwe.setHeader(HeaderParameterNames.CONTENT_TYPE, "JWT");
        jwe.setKey(wrapKey);
        jwe.setPayload(jws.getCompactSerialization());
        return jwe.getCompactSerialization();
    }

    private static SecretKey derive(ServiceKey encryption, String use) {
        byte[] secret = BigIntegers.asUnsignedByteArray(32, ((ECPrivateKey) encryption.privateKey()).getS());
        byte[] info = (use + " " + encryption.kid()).getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[32];
        try {
            HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
            hkdf.init(new HKDFParameters(secret, SALT, info));
            hkdf.generateBytes(key, 0, key.length);
            return new SecretKeySpec(key, "AES");
        } finally {
            Arrays.fill(secret, (byte) 0);
            Arrays.fill(key, (byte) 0);
        }
    }
}
