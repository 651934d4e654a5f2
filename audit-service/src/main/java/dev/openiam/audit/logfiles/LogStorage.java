package dev.openiam.audit.logfiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Where log and digest files live in the directory (CloudTrail's S3 layout) and how they are written and read: gzipped,
 * each written whole to a temporary file and then moved into place, so that a reader never sees half a file.
 */
final class LogStorage {

    static final String DIGESTS = "AWSLogs/CloudTrail-Digest";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private LogStorage() {
    }

    /** {@code AWSLogs/<account>/CloudTrail/<region>/yyyy/MM/dd/<account>_CloudTrail_<region>_<end>_<first seq>.json.gz} */
    static String logObject(String account, String region, Instant periodEnd, long firstSeq) {
        return "AWSLogs/" + account + "/CloudTrail/" + region + "/" + DAY.format(periodEnd) + "/" + account + "_CloudTrail_"
                + region + "_" + STAMP.format(periodEnd) + "_" + firstSeq + ".json.gz";
    }

    /** {@code AWSLogs/CloudTrail-Digest/<region>/yyyy/MM/dd/CloudTrail-Digest_<region>_<end>.json.gz} */
    static String digestObject(String region, Instant periodEnd) {
        return DIGESTS + "/" + region + "/" + DAY.format(periodEnd) + "/CloudTrail-Digest_" + region + "_" + STAMP.format(periodEnd)
                + ".json.gz";
    }

    /** The end time a digest's name states (to find a digest moved in place of another). */
    static String stampOf(Instant time) {
        return STAMP.format(time);
    }

    static String signatureObject(String digestObject) {
        return digestObject + ".sig";
    }

    static void writeGzip(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), ".writing-", ".tmp");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(temporary))) {
            out.write(content);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), ".writing-", ".tmp");
        Files.write(temporary, content);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static byte[] readGzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
