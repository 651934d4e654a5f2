package dev.openiam.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the embedded servers keep their files: under the build directory of the module whose tests
 * run, so that a test run leaves nothing behind outside {@code target/}.
 */
final class WorkDirectories {

    /** Overrides the base directory; Surefire starts each fork in the module's directory, so the default is right there. */
    static final String WORK_DIR_PROPERTY = "iam.test.work-dir";

    private WorkDirectories() {
    }

    static Path base() {
        String configured = System.getProperty(WORK_DIR_PROPERTY);
        Path base = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.dir"), "target", "iam-test-support");
        return createDirectories(base.toAbsolutePath());
    }

    /** A fresh directory below {@link #base()} whose name starts with {@code prefix}. */
    static Path fresh(String prefix) {
        try {
            ensureTmpDirExists();
            return Files.createTempDirectory(base(), prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The parent pom points {@code java.io.tmpdir} into {@code target/tmp} so that libraries that
     * unpack native code (zstd, snappy, PostgreSQL binaries) stay inside the build directory; nothing
     * creates that directory, and a missing temp directory fails those libraries obscurely.
     */
    static void ensureTmpDirExists() {
        createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    }

    static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + dir, e);
        }
    }
}
