package dev.openiam.identity.crypto;

import dev.openiam.identity.config.IdentityConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encrypts access-key secrets at rest with AES-256-GCM under the key-encryption key from config (never
 * the database). The access key id is the associated data, so a ciphertext cannot be moved to another key.
 */
@ApplicationScoped
public class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec kek;
    private final String kekId;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(IdentityConfig config) {
        String encoded = config.kek().orElseThrow(() -> new IllegalStateException(
                "iam.kek (IAM_KEK) is not set: give base64 of a 32-byte key-encryption key"));
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("iam.kek (IAM_KEK) is not valid base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException("iam.kek (IAM_KEK) must decode to 32 bytes, not " + key.length);
        }
        this.kek = new SecretKeySpec(key, "AES");
        this.kekId = config.kekId();
    }

    public record Sealed(byte[] ciphertext, byte[] nonce, String kekId) {
    }

    public Sealed seal(String accessKeyId, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, accessKeyId);
            return new Sealed(cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8)), nonce, kekId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a secret", e);
        }
    }

    public String open(String accessKeyId, byte[] ciphertext, byte[] nonce, String sealedKekId) {
        if (!kekId.equals(sealedKekId)) {
            throw new IllegalStateException("secret of " + accessKeyId + " is sealed under unknown key " + sealedKekId);
        }
        try {
            return new String(cipher(Cipher.DECRYPT_MODE, nonce, accessKeyId).doFinal(ciphertext), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt the secret of " + accessKeyId, e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String accessKeyId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, kek, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(accessKeyId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
