package dev.openiam.audit.logfiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Proves the integrity of a directory of log and digest files, as {@code aws cloudtrail validate-logs} does for a
 * trail: every digest in the range is signed by a trusted key and names its predecessor (object, hash, signature) and
 * starts where it ended; every log file a digest names is there with its hash; no log file of the range is named by
 * none. A changed, missing, added or reordered log or digest file is reported; the first digest of the range is not
 * checked against one before it.
 */
public final class LogValidator {

    /** The outcome: one line per finding, and the counts. */
    public record Report(List<String> lines, int digests, int validDigests, int logFiles, int validLogFiles) {
        public boolean valid() {
            return validDigests == digests && validLogFiles == logFiles && lines.stream().noneMatch(l -> l.startsWith("INVALID"));
        }
    }

    private record Loaded(Path file, String object, DigestFile digest, byte[] content, String signature) {
    }

    private final Map<String, PublicKey> keys = new HashMap<>();

    /** A validator trusting {@code publicKeys} (DER, as ListPublicKeys returns them). */
    public LogValidator(List<byte[]> publicKeys) {
        for (byte[] der : publicKeys) {
            try {
                keys.put(DigestKey.fingerprint(der), KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("a public key is not an RSA key in X.509 DER", e);
            }
        }
    }

    /** Validates the digests that end in [{@code start}, {@code end}] and the log files they (should) name. */
    public Report validate(Path directory, Instant start, Instant end) throws IOException {
        List<String> lines = new ArrayList<>();
        List<Loaded> digests = new ArrayList<>();
        for (Path file : files(directory.resolve(LogStorage.DIGESTS), ".json.gz")) {
            String object = directory.relativize(file).toString().replace('\\', '/');
            try {
                byte[] content = LogStorage.readGzip(file);
                DigestFile digest = DigestFile.fromJson(content);
                Instant digestEnd = Instant.parse(digest.digestEndTime());
                if (!digestEnd.isBefore(start) && !digestEnd.isAfter(end)) {
                    Path sig = directory.resolve(LogStorage.signatureObject(object));
                    digests.add(new Loaded(file, object, digest, content, Files.exists(sig) ? Files.readString(sig).trim() : null));
                }
            } catch (IOException | RuntimeException e) {
                lines.add("INVALID: digest file " + object + " is not a readable digest");
            }
        }
        digests.sort(Comparator.comparing(l -> Instant.parse(l.digest().digestEndTime())));
        int validDigests = 0;
        int logFiles = 0;
        int validLogFiles = 0;
        Set<String> named = new HashSet<>();
        Loaded previous = null;
        for (Loaded loaded : digests) {
            List<String> problems = digestProblems(loaded, previous);
            if (problems.isEmpty()) {
                validDigests++;
                lines.add("Digest file " + loaded.object() + " valid");
            } else {
                problems.forEach(p -> lines.add("INVALID: digest file " + loaded.object() + ": " + p));
            }
            for (DigestFile.LogFile log : loaded.digest().logFiles()) {
                logFiles++;
                named.add(log.s3Object());
                Path file = directory.resolve(log.s3Object());
                if (!Files.exists(file)) {
                    lines.add("INVALID: log file " + log.s3Object() + " not found");
                } else if (!LogStorage.sha256(LogStorage.readGzip(file)).equals(log.hashValue())) {
                    lines.add("INVALID: log file " + log.s3Object() + " hash value doesn't match");
                } else {
                    validLogFiles++;
                }
            }
            previous = loaded;
        }
        for (Path file : files(directory.resolve("AWSLogs"), ".json.gz")) {
            String object = directory.relativize(file).toString().replace('\\', '/');
            if (!object.startsWith(LogStorage.DIGESTS + "/") && !named.contains(object) && inRange(object, start, end)) {
                lines.add("INVALID: log file " + object + " is named by no digest");
            }
        }
        lines.add(validDigests + "/" + digests.size() + " digest files valid");
        lines.add(validLogFiles + "/" + logFiles + " log files valid");
        return new Report(lines, digests.size(), validDigests, logFiles, validLogFiles);
    }

    private List<String> digestProblems(Loaded loaded, Loaded previous) {
        List<String> problems = new ArrayList<>();
        DigestFile digest = loaded.digest();
        if (!loaded.object().equals(digest.digestS3Object())) {
            problems.add("it names itself " + digest.digestS3Object() + " (moved or reordered)");
        }
        PublicKey key = keys.get(digest.digestPublicKeyFingerprint());
        if (key == null) {
            problems.add("signed by key " + digest.digestPublicKeyFingerprint() + ", which is not trusted");
        } else if (loaded.signature() == null || !verifies(key, loaded)) {
            problems.add("invalid signature");
        }
        if (previous != null) {
            DigestFile before = previous.digest();
            if (!before.digestEndTime().equals(digest.digestStartTime())) {
                problems.add("starts at " + digest.digestStartTime() + " but the digest before ends at " + before.digestEndTime()
                        + " (a digest is missing)");
            }
            if (!previous.object().equals(digest.previousDigestS3Object())
                    || !LogStorage.sha256(previous.content()).equals(digest.previousDigestHashValue())
                    || !Objects.equals(previous.signature(), digest.previousDigestSignature())) {
                problems.add("does not name the digest before it (" + previous.object() + ") as its predecessor");
            }
        }
        return problems;
    }

    private static boolean verifies(PublicKey key, Loaded loaded) {
        DigestFile digest = loaded.digest();
        try {
            Signature signature = Signature.getInstance(DigestFile.SIGNATURE_ALGORITHM);
            signature.initVerify(key);
            signature.update(DigestFile.signingString(digest.digestEndTime(), digest.digestS3Bucket(), digest.digestS3Object(),
                    LogStorage.sha256(loaded.content()), String.valueOf(digest.previousDigestSignature())));
            return signature.verify(HexFormat.of().parseHex(loaded.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether a log file's period (the end time in its name) is in the range. */
    private static boolean inRange(String object, Instant start, Instant end) {
        String[] parts = object.substring(object.lastIndexOf('/') + 1).split("_");
        if (parts.length < 5) {
            return true;
        }
        try {
            Instant periodEnd = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC)
                    .parse(parts[3], Instant::from);
            return !periodEnd.isBefore(start) && !periodEnd.isAfter(end);
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
