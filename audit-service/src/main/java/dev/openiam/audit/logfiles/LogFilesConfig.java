package dev.openiam.audit.logfiles;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Log files and their digest chain ({@code iam.audit.log-files.*}). */
@ConfigMapping(prefix = "iam.audit.log-files")
public interface LogFilesConfig {

    /** Where log and digest files are written (a volume on Kubernetes); absent: none are written. */
    Optional<String> directory();

    /** How long one log period is (one digest each, empty when nothing was recorded). */
    @WithDefault("PT1H")
    Duration period();

    /** How long after a period's end its files are written (records stored by then go into it). */
    @WithDefault("PT10S")
    Duration delay();

    /**
     * The RSA private key (PKCS#8 PEM) that signs digests; absent: one is generated into {@code <directory>/keys} on
     * first start and kept there.
     */
    Optional<String> privateKeyFile();

    /** The region written in file names (CloudTrail's layout). */
    @WithDefault("us-east-1")
    String region();

    default void validate() {
        if (period().compareTo(Duration.ofSeconds(1)) < 0 || period().compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("iam.audit.log-files.period must be between 1 second and 1 day");
        }
        if (delay().isNegative()) {
            throw new IllegalArgumentException("iam.audit.log-files.delay must not be negative");
        }
    }
}
