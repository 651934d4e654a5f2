package dev.openiam.console.signin;

import dev.openiam.console.config.ConsoleConfig;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class SignInThrottleTest {

    static final ConsoleConfig CONFIG = new ConsoleConfig() {
        public java.net.URI iamEndpoint() {
            return java.net.URI.create("http://127.0.0.1:9");
        }

        public java.net.URI cloudtrailEndpoint() {
            return java.net.URI.create("http://127.0.0.1:9");
        }

        public String region() {
            return "us-east-1";
        }

        public int freeFailures() {
            return 3;
        }

        public Duration maxBackoff() {
            return Duration.ofSeconds(60);
        }

        public Duration mfaStep() {
            return Duration.ofMinutes(5);
        }
    };

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T00:00:00Z"));
    final Clock clock = new Clock() {
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now.get();
        }
    };
    final SignInThrottle throttle = new SignInThrottle(CONFIG, clock);

    @Test
    void waitsDoubleAfterTheFreeFailuresUpToTheLongestAndASuccessClearsThem() {
        String alice = SignInThrottle.user("111122223333", "Alice");
        String address = SignInThrottle.address("10.0.0.1");
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.wait(alice, address)).isEqualTo(Duration.ZERO);
            throttle.failed(alice, address);
        }
        assertThat(throttle.wait(alice, address)).isEqualTo(Duration.ofSeconds(1));
        now.set(now.get().plusSeconds(1));
        assertThat(throttle.wait(alice, address)).isEqualTo(Duration.ZERO);
        throttle.failed(alice, address);
        assertThat(throttle.wait(alice, address)).isEqualTo(Duration.ofSeconds(2));
        for (int i = 0; i < 10; i++) {
            throttle.failed(alice, address);
        }
        assertThat(throttle.wait(alice, address)).isEqualTo(Duration.ofSeconds(60));
        // the same name in another case is the same user; another address alone is not held back by alice's count
        assertThat(throttle.wait(SignInThrottle.user("111122223333", "ALICE"))).isEqualTo(Duration.ofSeconds(60));
        assertThat(throttle.wait(SignInThrottle.address("10.0.0.2"))).isEqualTo(Duration.ZERO);
        // the address has failed 14 times: under its own limit (30), it holds nobody back by itself
        assertThat(throttle.wait(address)).isEqualTo(Duration.ZERO);
        throttle.succeeded(alice);
        assertThat(throttle.wait(alice, address)).isEqualTo(Duration.ZERO);
    }

    @Test
    void anAddressIsHeldBackAfterTenTimesAUsersFreeFailures() {
        String address = SignInThrottle.address("10.0.0.9");
        for (int i = 0; i < 30; i++) {
            assertThat(throttle.wait(address)).isEqualTo(Duration.ZERO);
            throttle.failed(SignInThrottle.user("111122223333", "user" + i), address);
        }
        assertThat(throttle.wait(SignInThrottle.user("111122223333", "someone"), address)).isEqualTo(Duration.ofSeconds(1));
    }
}
