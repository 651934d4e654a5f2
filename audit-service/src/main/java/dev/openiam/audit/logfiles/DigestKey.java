package dev.openiam.audit.logfiles;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The RSA key that signs digests (SHA256withRSA): configured, or generated once into the directory's {@code keys/}
 * (the private key readable by its owner only). Its fingerprint (hex MD5 of the public key's DER, as CloudTrail's) names
 * it in every digest; it is valid from when its file was written.
 */
public final class DigestKey {

    static final String GENERATED = "keys/digest-private-key.pem";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final Instant validFrom;

    private DigestKey(PrivateKey privateKey, PublicKey publicKey, Instant validFrom) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.validFrom = validFrom;
    }

    /** The key in {@code file} (PKCS#8 PEM, RSA), or a new one written there first when {@code generate}. */
    static DigestKey load(Path file, boolean generate) {
        try {
            if (!Files.exists(file) && generate) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                Files.createDirectories(file.getParent());
                Path temporary = Files.createTempFile(file.getParent(), ".key-", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(temporary, pem(generator.generateKeyPair().getPrivate().getEncoded()));
                Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            PrivateKey key = KeyUtils.decodePrivateKey(Files.readString(file), SignatureAlgorithm.RS256);
            if (!(key instanceof RSAPrivateCrtKey rsa)) {
                throw new IllegalArgumentException("the digest key in " + file + " is not an RSA private key");
            }
            PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            return new DigestKey(key, publicKey, Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the digest key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the digest key in " + file + " is not a PKCS#8 RSA private key in PEM", e);
        }
    }

    byte[] sign(byte[] content) {
        try {
            Signature signature = Signature.getInstance(DigestFile.SIGNATURE_ALGORITHM);
            signature.initSign(privateKey);
            signature.update(content);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a digest", e);
        }
    }

    /** The public key's DER (X.509 SubjectPublicKeyInfo), as ListPublicKeys returns it. */
    public byte[] publicKeyDer() {
        return publicKey.getEncoded();
    }

    public String fingerprint() {
        return fingerprint(publicKey.getEncoded());
    }

    public Instant validFrom() {
        return validFrom;
    }

    static String fingerprint(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(byte[] pkcs8) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
    }
}
