package dev.openiam.console.signin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.openiam.console.config.ConsoleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Backoff after repeated failed sign-ins, counted per user (account + name) and per client address: after
 * {@code free-failures} failures in a row for a user (ten times as many for an address, which many people may share),
 * each attempt must wait twice as long as the last (1 s, 2 s, 4 s, …, at most {@code max-backoff}); a success clears
 * the user's count. An attempt made while waiting is refused unchecked, so a guesser learns nothing from it. Kept per
 * replica for an hour after the last failure.
 */
@ApplicationScoped
public class SignInThrottle {

    private record Failures(int count, Instant last) {
    }

    private final Cache<String, Failures> failures = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofHours(1)).build();
    private final ConsoleConfig config;
    private final Clock clock;

    @Inject
    public SignInThrottle(ConsoleConfig config) {
        this(config, Clock.systemUTC());
    }

    SignInThrottle(ConsoleConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    static String user(String account, String userName) {
        return "user:" + account.toLowerCase(Locale.ROOT) + "/" + (userName == null ? "" : userName.toLowerCase(Locale.ROOT));
    }

    static String address(String address) {
        return "address:" + address;
    }

    /** How long the next attempt must still wait for either key; zero when it may go ahead. */
    public Duration wait(String... keys) {
        Duration longest = Duration.ZERO;
        Instant now = clock.instant();
        for (String key : keys) {
            Failures f = failures.getIfPresent(key);
            int free = free(key);
            if (f != null && f.count() >= free) {
                Duration remaining = Duration.between(now, f.last().plus(backoff(f.count(), free)));
                if (remaining.compareTo(longest) > 0) {
                    longest = remaining;
                }
            }
        }
        return longest;
    }

    private int free(String key) {
        return key.startsWith("address:") ? config.freeFailures() * 10 : config.freeFailures();
    }

    Duration backoff(int count, int free) {
        int exponent = Math.min(count - free, 20);
        Duration wait = Duration.ofSeconds(1L << exponent);
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    public void failed(String... keys) {
        Instant now = clock.instant();
        for (String key : keys) {
            failures.asMap().merge(key, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
        }
    }

    public void succeeded(String key) {
        failures.invalidate(key);
    }
}
