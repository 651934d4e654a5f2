package dev.openiam.identity.crypto;

import dev.openiam.identity.config.IdentityConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encrypts secrets at rest (access-key secrets, MFA seeds) with AES-256-GCM under the key-encryption key from
 * config (never the database). The id of what the secret belongs to (the access key id, the MFA device's serial
 * number) is the associated data, so a ciphertext cannot be moved to another key or device.
 */
@ApplicationScoped
public class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec kek;
    private final String kekId;
    private final SecureRandom random = new SecureRandom();

    @jakarta.inject.Inject
    public SecretCipher(IdentityConfig config) {
        this(decode(readKek(config)), config.kekId());
    }

    SecretCipher(byte[] key, String kekId) {
        if (key.length != 32) {
            throw new IllegalStateException("the key-encryption key must be 32 bytes, not " + key.length);
        }
        this.kek = new SecretKeySpec(key, "AES");
        this.kekId = kekId;
    }

    /** From {@code iam.kek} (IAM_KEK), else from the file {@code iam.kek-file} (a mounted Kubernetes Secret). */
    private static String readKek(IdentityConfig config) {
        if (config.kek().isPresent()) {
            return config.kek().get();
        }
        if (config.kekFile().isPresent()) {
            try {
                return Files.readString(config.kekFile().get());
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the key-encryption key file " + config.kekFile().get());
            }
        }
        throw new IllegalStateException("no key-encryption key: set iam.kek (IAM_KEK) to base64 of 32 bytes, "
                + "or iam.kek-file (IAM_KEK_FILE) to a file holding it");
    }

    private static byte[] decode(String encoded) {
        try {
            return Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the key-encryption key is not valid base64");
        }
    }

    public record Sealed(byte[] ciphertext, byte[] nonce, String kekId) {
    }

    public Sealed seal(String associatedData, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, associatedData);
            return new Sealed(cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8)), nonce, kekId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a secret", e);
        }
    }

    public String open(String associatedData, byte[] ciphertext, byte[] nonce, String sealedKekId) {
        if (!kekId.equals(sealedKekId)) {
            throw new IllegalStateException("the secret of " + associatedData + " is sealed under unknown key " + sealedKekId);
        }
        try {
            return new String(cipher(Cipher.DECRYPT_MODE, nonce, associatedData).doFinal(ciphertext), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt the secret of " + associatedData, e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String associatedData) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, kek, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
