package dev.openiam.e2e;

import java.util.ArrayList;
import java.util.List;

/** {@code /usr/bin/aws --endpoint-url <the local system> iam …}, run as {@link AwsCliE2ETest} runs the CLI. */
final class AwsCli {

    private AwsCli() {
    }

    /** What the command prints; an assertion error with its output when it fails. */
    static String iam(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(RequiredClients.AWS.toString(), "--endpoint-url",
                LocalSystem.get().endpoint().toString(), "iam"));
        command.addAll(List.of(args));
        return AwsCliE2ETest.run(command);
    }
}
