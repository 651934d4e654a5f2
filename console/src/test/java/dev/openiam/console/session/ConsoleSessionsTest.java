package dev.openiam.console.session;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsoleSessionsTest {

    final ConsoleSessions sessions = new ConsoleSessions();

    static ConsoleSession session(String id, Instant expiresAt) {
        return new ConsoleSession(id, "111122223333", "arn:aws:iam::111122223333:user/alice", "alice", false, false,
                AwsSessionCredentials.create("ASIAAAAAAAAAAAAAAAAA", "secret", "token"), expiresAt, "csrf-" + id, false);
    }

    @Test
    void aSessionEndsWithItsCredentials() {
        sessions.add(session("live", Instant.now().plusSeconds(60)));
        sessions.add(session("expired", Instant.now().minusSeconds(1)));
        assertThat(sessions.find("live")).isNotNull();
        assertThat(sessions.find("expired")).isNull();
        assertThatThrownBy(() -> sessions.require("expired")).isInstanceOf(ConsoleSessions.NotSignedIn.class);
        sessions.end("live");
        assertThat(sessions.find("live")).isNull();
    }

    @Test
    void aFormMustBringItsSessionsToken() {
        sessions.add(session("s", Instant.now().plusSeconds(60)));
        assertThat(sessions.requireForm("s", "csrf-s").id()).isEqualTo("s");
        assertThatThrownBy(() -> sessions.requireForm("s", null)).isInstanceOf(ConsoleSessions.CsrfRefused.class);
        assertThatThrownBy(() -> sessions.requireForm("s", "csrf-other")).isInstanceOf(ConsoleSessions.CsrfRefused.class);
        assertThat(sessions.find("s").toString()).doesNotContain("secret").doesNotContain("token");
    }
}
