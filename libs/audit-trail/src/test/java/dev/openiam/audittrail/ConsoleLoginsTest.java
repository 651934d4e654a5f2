package dev.openiam.audittrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.model.audit.AuditCodec;
import dev.openiam.model.audit.AuditRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleLoginsTest {

    static final ConsoleLogins.Origin ORIGIN = new ConsoleLogins.Origin("192.0.2.7", "Mozilla/5.0", "https://console.example/");
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(AuditRecord record) throws Exception {
        // as LookupEvents answers it, and back: what audit-service stores is what it shows
        AuditRecord decoded = AuditCodec.decode(AuditCodec.encode(record));
        assertThat(decoded).isEqualTo(record);
        return JSON.readTree(AuditCodec.toJson(decoded));
    }

    @Test
    void aUsersSuccessWithMfaIsCloudTrailsConsoleLogin() throws Exception {
        JsonNode event = json(ConsoleLogins.success(new ConsoleLogins.Principal("123456789012", "AIDAEXAMPLE",
                "arn:aws:iam::123456789012:user/ada", "ada"), true, ORIGIN));
        assertThat(event.path("eventSource").asText()).isEqualTo("signin.amazonaws.com");
        assertThat(event.path("eventName").asText()).isEqualTo("ConsoleLogin");
        assertThat(event.path("eventType").asText()).isEqualTo("AwsConsoleSignIn");
        assertThat(event.path("readOnly").asBoolean(true)).isFalse();
        assertThat(event.path("managementEvent").asBoolean()).isTrue();
        assertThat(event.path("eventCategory").asText()).isEqualTo("Management");
        assertThat(event.path("recipientAccountId").asText()).isEqualTo("123456789012");
        assertThat(event.path("responseElements")).isEqualTo(JSON.readTree("{\"ConsoleLogin\":\"Success\"}"));
        assertThat(event.path("additionalEventData")).isEqualTo(JSON.readTree(
                "{\"LoginTo\":\"https://console.example/\",\"MobileVersion\":\"No\",\"MFAUsed\":\"Yes\"}"));
        assertThat(event.path("userIdentity")).isEqualTo(JSON.readTree("{\"type\":\"IAMUser\",\"principalId\":\"AIDAEXAMPLE\","
                + "\"arn\":\"arn:aws:iam::123456789012:user/ada\",\"accountId\":\"123456789012\",\"userName\":\"ada\"}"));
        assertThat(event.has("errorMessage")).isFalse();
        assertThat(event.has("errorCode")).isFalse();
        assertThat(event.has("requestParameters")).isFalse();
        assertThat(event.path("sourceIPAddress").asText()).isEqualTo("192.0.2.7");
        assertThat(event.path("userAgent").asText()).isEqualTo("Mozilla/5.0");
    }

    @Test
    void rootsFailureSaysFailedAuthentication() throws Exception {
        JsonNode event = json(ConsoleLogins.failure(new ConsoleLogins.Principal("123456789012", "123456789012",
                "arn:aws:iam::123456789012:root", null), false, ORIGIN));
        assertThat(event.path("userIdentity").path("type").asText()).isEqualTo("Root");
        assertThat(event.path("userIdentity").path("arn").asText()).isEqualTo("arn:aws:iam::123456789012:root");
        assertThat(event.path("errorMessage").asText()).isEqualTo("Failed authentication");
        assertThat(event.path("responseElements").path("ConsoleLogin").asText()).isEqualTo("Failure");
        assertThat(event.path("additionalEventData").path("MFAUsed").asText()).isEqualTo("No");
    }

    @Test
    void aNameThatNamesNoUserIsNotRecorded() throws Exception {
        AuditRecord record = ConsoleLogins.noSuchUser("123456789012", ORIGIN);
        JsonNode event = json(record);
        assertThat(event.path("userIdentity")).isEqualTo(JSON.readTree(
                "{\"type\":\"IAMUser\",\"accountId\":\"123456789012\",\"userName\":\"HIDDEN_DUE_TO_SECURITY_REASONS\"}"));
        assertThat(event.path("errorMessage").asText()).isEqualTo("No username found in supplied account");
        assertThat(record.username()).isEqualTo("HIDDEN_DUE_TO_SECURITY_REASONS");
    }
}
