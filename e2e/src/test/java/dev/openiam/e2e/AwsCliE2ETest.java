package dev.openiam.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AWS CLI v2 and boto3 from Debian ({@code apt-get install awscli python3-boto3}; {@code .ci/run}
 * installs them) driving the local system through scripts in {@code src/test/scripts}; under {@code CI=true}
 * a missing client fails these tests ({@link RequiredClients}).
 */
@ExtendWith(LocalSystem.class)
class AwsCliE2ETest {

    @Test
    void theAwsCliDrivesEveryIdentityCommand() throws Exception {
        RequiredClients.awsCliV2();
        assertThat(run(List.of("bash", script("aws-cli-lifecycle.sh")))).contains("aws-cli lifecycle: ok");
    }

    @Test
    void boto3DrivesTheApi() throws Exception {
        RequiredClients.boto3();
        assertThat(run(List.of(RequiredClients.PYTHON.toString(), script("boto3_lifecycle.py")))).contains("boto3 lifecycle: ok");
    }

    @Test
    void theAwsCliDrivesPasswordsThePolicyAndTheCredentialReport() throws Exception {
        RequiredClients.awsCliV2();
        assertThat(run(List.of("bash", script("aws-cli-passwords.sh")), FreshAccount.create().environment()))
                .contains("aws-cli passwords: ok");
    }

    @Test
    void boto3DrivesPasswordsAndTheCredentialReport() throws Exception {
        RequiredClients.boto3();
        assertThat(run(List.of(RequiredClients.PYTHON.toString(), script("boto3_passwords.py")), FreshAccount.create().environment()))
                .contains("boto3 passwords: ok");
    }

    static String script(String name) {
        return Path.of("src/test/scripts", name).toAbsolutePath().toString();
    }

    /** Output of the command; on failure an assertion error with the output. */
    static String run(List<String> command) throws IOException, InterruptedException {
        return run(command, LocalSystem.get().clientEnvironment());
    }

    /** Output of the command run with {@code environment}; on failure an assertion error with the output. */
    static String run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        Path home = Files.createDirectories(Path.of("target/aws-home")).toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.putAll(environment);
        // nothing of the developer's own AWS configuration may leak into the run
        env.put("HOME", home.toString());
        env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
        env.put("AWS_PAGER", "");
        // the scripts import a shared module beside them: no __pycache__ in the source tree
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.remove("AWS_PROFILE");
        env.remove("AWS_SESSION_TOKEN");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }
}
