package dev.openiam.console.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;

/** The console's settings ({@code iam.console.*}; each can be set by environment, e.g. {@code IAM_CONSOLE_IAM_ENDPOINT}). */
@ConfigMapping(prefix = "iam.console")
public interface ConsoleConfig {

    /** The public IAM endpoint every page calls with the signed-in person's credentials. */
    URI iamEndpoint();

    /** The public CloudTrail endpoint (audit-service) of the event-history page. */
    URI cloudtrailEndpoint();

    /** The region the console signs its calls for. */
    @WithDefault("us-east-1")
    String region();

    /** Failed sign-ins for one user (or one address) before the console makes them wait. */
    @WithDefault("3")
    int freeFailures();

    /** The longest wait after repeated failed sign-ins (the wait doubles per failure up to this). */
    @WithDefault("PT5M")
    Duration maxBackoff();

    /** How long a password waits for its MFA code between the two steps of a sign-in. */
    @WithDefault("PT5M")
    Duration mfaStep();
}
