package dev.openiam.policyservice.dataevent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;
import java.util.List;

/**
 * Data events ({@code iam.data-events.*}): which accounts have the decisions the decision API makes for their own
 * services recorded (opt-in: none by default, since they can be many), and what share of them.
 */
@ConfigMapping(prefix = "iam.data-events")
public interface DataEventConfig {

    /** The accounts whose decisions are recorded ({@code IAM_DATA_EVENTS_ACCOUNTS}, comma-separated); {@code *} for every one. */
    Optional<List<String>> accounts();

    /** The share of an opted-in account's decisions recorded: {@code 1.0} records every one, {@code 0.1} one in ten. */
    @WithDefault("1.0")
    double sampleRate();

    /** Whether {@code accountId} opted in. */
    default boolean records(String accountId) {
        return accounts().map(accounts -> accounts.contains("*") || accounts.contains(accountId)).orElse(false);
    }

    /** Refuses a rate that records nothing or more than everything. */
    default void validate() {
        if (!(sampleRate() > 0 && sampleRate() <= 1)) {
            throw new IllegalArgumentException("iam.data-events.sample-rate must be above 0 and at most 1, not " + sampleRate());
        }
    }
}
