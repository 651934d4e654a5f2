package dev.openiam.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The AWS clients from Debian that the client tests drive: the AWS CLI v2 at {@code /usr/bin/aws} and boto3 for
 * {@code /usr/bin/python3}. Under {@code CI=true} a missing one fails the test, so CI never passes by hiding a
 * client test; elsewhere the test is skipped.
 */
final class RequiredClients {

    static final Path AWS = Path.of("/usr/bin/aws");
    static final Path PYTHON = Path.of("/usr/bin/python3");

    private RequiredClients() {
    }

    static void awsCliV2() {
        String version = output(AWS, "--version");
        require(version != null && version.startsWith("aws-cli/2."), "the AWS CLI v2 is not at /usr/bin/aws (found: "
                + (version == null ? "nothing" : version.strip()) + "; apt-get install awscli)");
    }

    static void boto3() {
        require(output(PYTHON, "-c", "import boto3") != null,
                "boto3 for /usr/bin/python3 is not installed (apt-get install python3-boto3)");
    }

    /** Debian's pyotp for /usr/bin/python3: the boto3 scripts that compute MFA codes as an authenticator app does. */
    static void pyotp() {
        require(output(PYTHON, "-c", "import pyotp") != null,
                "pyotp for /usr/bin/python3 is not installed (apt-get install python3-pyotp)");
    }

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Debian's chromium and chromium-driver, for the console's browser tests. */
    static void chromium() {
        String version = output(CHROMEDRIVER, "--version");
        require(Files.isExecutable(CHROMIUM) && version != null, "chromium and chromium-driver are not installed"
                + " (apt-get install chromium chromium-driver)");
    }

    private static void require(boolean present, String missing) {
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(missing + "; with CI=true a client test fails rather than skip");
        }
        assumeTrue(present, missing);
    }

    /** What the command prints (stdout and stderr), or {@code null} when it is absent or fails. */
    private static String output(Path program, String... args) {
        if (!Files.isExecutable(program)) {
            return null;
        }
        try {
            List<String> command = new java.util.ArrayList<>(List.of(program.toString()));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
