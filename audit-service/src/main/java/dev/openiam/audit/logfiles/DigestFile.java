package dev.openiam.audit.logfiles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A digest file as CloudTrail writes it: the period it covers, the log files written for it with the SHA-256 of each
 * one's uncompressed content, and its predecessor (object, hash, signature), so that the digests form a chain. The
 * "bucket" is the directory the files were written to, the "objects" their paths in it. The signature itself is not in
 * the file (CloudTrail keeps it in the object's metadata): it is in the file beside it, {@code <digest>.sig}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DigestFile(String awsAccountId, String digestStartTime, String digestEndTime, String digestS3Bucket,
                         String digestS3Object, String digestPublicKeyFingerprint, String digestSignatureAlgorithm,
                         String newestEventTime, String oldestEventTime, String previousDigestS3Bucket,
                         String previousDigestS3Object, String previousDigestHashValue, String previousDigestHashAlgorithm,
                         String previousDigestSignature, List<LogFile> logFiles) {

    public static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    public static final String HASH_ALGORITHM = "SHA-256";
    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    /** One log file of the period. */
    public record LogFile(String s3Bucket, String s3Object, String hashValue, String hashAlgorithm, String newestEventTime,
                          String oldestEventTime) {
    }

    byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DigestFile fromJson(byte[] json) throws IOException {
        return JSON.readValue(json, DigestFile.class);
    }

    /**
     * What is signed, as CloudTrail signs it: the end time, bucket/object, the hex SHA-256 of the digest's content and
     * the previous signature ({@code null} for the first digest of a chain), one per line.
     */
    static byte[] signingString(String endTime, String bucket, String object, String contentHash, String previousSignature) {
        return (endTime + "\n" + bucket + "/" + object + "\n" + contentHash + "\n" + previousSignature)
                .getBytes(StandardCharsets.UTF_8);
    }
}
