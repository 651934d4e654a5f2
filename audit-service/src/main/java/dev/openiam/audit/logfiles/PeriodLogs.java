package dev.openiam.audit.logfiles;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The log files of one period being written: one per account, {@code {"Records":[…]}} with each record as stored,
 * gzipped, hashed (SHA-256 of the uncompressed content) as it is written. Nothing is in place until {@link #finish}.
 */
final class PeriodLogs implements AutoCloseable {

    private final Path directory;
    private final String region;
    private final Instant periodEnd;
    private final Map<String, AccountLog> logs = new LinkedHashMap<>();

    PeriodLogs(Path directory, String region, Instant periodEnd) {
        this.directory = directory;
        this.region = region;
        this.periodEnd = periodEnd;
    }

    void add(String account, long seq, Instant eventTime, String json) throws IOException {
        AccountLog log = logs.get(account);
        if (log == null) {
            log = new AccountLog(LogStorage.logObject(account, region, periodEnd, seq));
            logs.put(account, log);
        }
        log.add(eventTime, json);
    }

    /** Closes every file, moves it into place, and describes each for the digest (in object order). */
    List<DigestFile.LogFile> finish(String bucket) throws IOException {
        List<DigestFile.LogFile> files = new ArrayList<>();
        for (AccountLog log : logs.values()) {
            files.add(log.finish(bucket));
        }
        files.sort(java.util.Comparator.comparing(DigestFile.LogFile::s3Object));
        return files;
    }

    @Override
    public void close() throws IOException {
        for (AccountLog log : logs.values()) {
            log.abandon();
        }
    }

    private final class AccountLog {
        private final String object;
        private final Path temporary;
        private final MessageDigest sha;
        private final OutputStream out;
        private final JsonGenerator json;
        private Instant oldest;
        private Instant newest;
        private boolean finished;

        AccountLog(String object) throws IOException {
            this.object = object;
            Path file = directory.resolve(object);
            Files.createDirectories(file.getParent());
            this.temporary = Files.createTempFile(file.getParent(), ".writing-", ".tmp");
            try {
                this.sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            this.out = new DigestOutputStream(new GZIPOutputStream(Files.newOutputStream(temporary)), sha);
            this.json = DigestFile.JSON.getFactory().createGenerator(out, JsonEncoding.UTF8);
            json.writeStartObject();
            json.writeArrayFieldStart("Records");
        }

        void add(Instant eventTime, String record) throws IOException {
            json.writeRawValue(record);
            oldest = oldest == null || eventTime.isBefore(oldest) ? eventTime : oldest;
            newest = newest == null || eventTime.isAfter(newest) ? eventTime : newest;
        }

        DigestFile.LogFile finish(String bucket) throws IOException {
            json.writeEndArray();
            json.writeEndObject();
            json.close();
            out.close();
            Files.move(temporary, directory.resolve(object), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            finished = true;
            return new DigestFile.LogFile(bucket, object, HexFormat.of().formatHex(sha.digest()), DigestFile.HASH_ALGORITHM,
                    LogFileWriter.time(newest), LogFileWriter.time(oldest));
        }

        void abandon() throws IOException {
            if (!finished) {
                out.close();
                Files.deleteIfExists(temporary);
            }
        }
    }
}
