package dev.openiam.sts.workload;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** IMDSv2 tokens: tied to one workload, gone after their TTL, and bounded in number (the soonest to expire go first). */
class ImdsTokensTest {

    private static ImdsTokens tokens(int max) {
        return new ImdsTokens(new WorkloadConfig() {
            @Override
            public Duration sessionDuration() {
                return Duration.ofHours(1);
            }

            @Override
            public Duration refreshBefore() {
                return Duration.ofMinutes(20);
            }

            @Override
            public int maxImdsTokens() {
                return max;
            }
        });
    }

    @Test
    void aTokenIsItsWorkloadsOnly() {
        ImdsTokens tokens = tokens(10);
        String token = tokens.issue("i-00000000000000001", 60);
        assertThat(tokens.valid(token, "i-00000000000000001")).isTrue();
        assertThat(tokens.valid(token, "i-00000000000000002")).isFalse();
        assertThat(tokens.valid("made-up", "i-00000000000000001")).isFalse();
        assertThat(tokens.valid(null, "i-00000000000000001")).isFalse();
        assertThat(tokens.issue("i-00000000000000001", 60)).isNotEqualTo(token);
    }

    @Test
    void aDeregisteredWorkloadsTokensAreForgottenAndNoOtherOnes() {
        ImdsTokens tokens = tokens(10);
        String gone = tokens.issue("i-00000000000000001", 60);
        String alsoGone = tokens.issue("i-00000000000000001", 60);
        String kept = tokens.issue("i-00000000000000002", 60);
        tokens.forget("i-00000000000000001");
        assertThat(tokens.valid(gone, "i-00000000000000001")).isFalse();
        assertThat(tokens.valid(alsoGone, "i-00000000000000001")).isFalse();
        assertThat(tokens.valid(kept, "i-00000000000000002")).isTrue();
    }

    @Test
    void aTokenEndsWithItsTtl() {
        ImdsTokens tokens = tokens(10);
        String token = tokens.issue("i-00000000000000001", 1);
        assertThat(tokens.valid(token, "i-00000000000000001")).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> !tokens.valid(token, "i-00000000000000001"));
    }

    @Test
    void pastTheBoundTheSoonestToExpireGoesFirst() {
        ImdsTokens tokens = tokens(2);
        String shortLived = tokens.issue("i-00000000000000001", 30);
        String longLived = tokens.issue("i-00000000000000001", 21_600);
        String newest = tokens.issue("i-00000000000000001", 600);
        assertThat(tokens.valid(shortLived, "i-00000000000000001")).isFalse();
        assertThat(tokens.valid(longLived, "i-00000000000000001")).isTrue();
        assertThat(tokens.valid(newest, "i-00000000000000001")).isTrue();
    }
}
