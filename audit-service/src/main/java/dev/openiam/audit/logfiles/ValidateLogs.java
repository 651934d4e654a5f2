package dev.openiam.audit.logfiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code validate}: checks a directory of log and digest files, like {@code aws cloudtrail validate-logs}.
 * <pre>
 * java -cp 'audit-service/target/quarkus-app/lib/main/*:audit-service/target/quarkus-app/app/*' \
 *     dev.openiam.audit.logfiles.ValidateLogs --directory DIR --public-key KEY [--start-time T] [--end-time T]
 * </pre>
 * {@code KEY} is a file holding a public key's Value as ListPublicKeys returns it (base64 DER), repeatable. Prints a
 * line per finding; exits 0 when everything is valid, 1 when anything is not, 2 on bad arguments.
 */
public final class ValidateLogs {

    private ValidateLogs() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    /** Runs the command; returns its exit code. */
    public static int run(String[] args, java.io.PrintStream out) throws Exception {
        Path directory = null;
        Instant start = Instant.EPOCH;
        Instant end = Instant.now();
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--directory" -> directory = Path.of(args[i + 1]);
                case "--public-key" -> keys.add(Base64.getMimeDecoder().decode(Files.readString(Path.of(args[i + 1])).trim()));
                case "--start-time" -> start = Instant.parse(args[i + 1]);
                case "--end-time" -> end = Instant.parse(args[i + 1]);
                default -> {
                    out.println("unknown option " + args[i]);
                    return 2;
                }
            }
        }
        if (directory == null || keys.isEmpty() || args.length % 2 != 0) {
            out.println("usage: ValidateLogs --directory DIR --public-key KEY... [--start-time T] [--end-time T]");
            return 2;
        }
        LogValidator.Report report = new LogValidator(keys).validate(directory, start, end);
        report.lines().forEach(out::println);
        return report.valid() ? 0 : 1;
    }
}
