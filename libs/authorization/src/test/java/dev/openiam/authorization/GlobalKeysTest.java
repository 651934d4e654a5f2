package dev.openiam.authorization;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GlobalKeysTest {

    private static final GlobalKeys.Call CALL = new GlobalKeys.Call("10.0.0.1", true, "aws-cli/2.9.19");
    private static final Instant NOW = Instant.parse("2026-12-01T10:30:00.750Z");

    @Test
    void longTermKeysCarryNoMfaKeyAtAll() {
        Map<String, Object> keys = GlobalKeys.of(CALL, null, NOW);
        assertThat(keys).doesNotContainKeys("aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge");
        assertThat(keys).containsEntry("aws:SourceIp", "10.0.0.1").containsEntry("aws:SecureTransport", "true")
                .containsEntry("aws:CurrentTime", "2026-12-01T10:30:00Z");
    }

    @Test
    void aSessionMadeWithMfaCarriesPresenceAndAgeInSeconds() {
        Map<String, Object> keys = GlobalKeys.of(CALL, Instant.parse("2026-12-01T10:00:00Z"), NOW);
        assertThat(keys).containsEntry("aws:MultiFactorAuthPresent", "true").containsEntry("aws:MultiFactorAuthAge", "1800");
    }

    @Test
    void anMfaTimeSlightlyAheadOfThisClockIsAgeZero() {
        assertThat(GlobalKeys.of(CALL, NOW.plusSeconds(2), NOW)).containsEntry("aws:MultiFactorAuthAge", "0");
    }
}
