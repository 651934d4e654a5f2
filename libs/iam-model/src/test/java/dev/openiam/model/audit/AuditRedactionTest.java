package dev.openiam.model.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AuditRedactionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Each secret an IAM or STS call carries, in the member (and the place) where the call carries it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "CreateAccessKey response      | {\"accessKey\":{\"secretAccessKey\":\"SECRET\"}}",
            "CreateLoginProfile request    | {\"userName\":\"bob\",\"password\":\"SECRET\"}",
            "ChangePassword request        | {\"oldPassword\":\"SECRET\",\"newPassword\":\"SECRET\"}",
            "CreateVirtualMFADevice seed   | {\"virtualMFADevice\":{\"serialNumber\":\"arn\",\"base32StringSeed\":\"SECRET\",\"qRCodePNG\":\"SECRET\"}}",
            "EnableMFADevice codes         | {\"authenticationCode1\":\"SECRET\",\"authenticationCode2\":\"SECRET\"}",
            "GetSessionToken code          | {\"tokenCode\":\"SECRET\"}",
            "AssumeRole response           | {\"credentials\":{\"accessKeyId\":\"ASIA\",\"secretAccessKey\":\"SECRET\",\"sessionToken\":\"SECRET\"}}",
            "AssumeRoleWithWebIdentity     | {\"webIdentityToken\":\"SECRET\"}",
            "Query-style capitals          | {\"SecretAccessKey\":\"SECRET\",\"Password\":\"SECRET\",\"QRCodePNG\":\"SECRET\"}",
            "in a list                     | {\"items\":[{\"password\":\"SECRET\"},{\"password\":[\"SECRET\"]}]}",
            "snake case                    | {\"secret_access_key\":\"SECRET\"}"})
    void hidesEverySecret(String call, String body) throws Exception {
        JsonNode redacted = AuditRedaction.redact(JSON.readTree(body));

        assertThat(redacted.toString()).doesNotContain("SECRET").contains(AuditRedaction.HIDDEN);
    }

    @Test
    void keepsWhatIsNotSecretAndLeavesTheOriginalAlone() throws Exception {
        JsonNode original = JSON.readTree("{\"userName\":\"bob\",\"passwordResetRequired\":true,\"accessKeyId\":\"AKIA\","
                + "\"password\":\"SECRET\",\"policyDocument\":\"{}\"}");

        JsonNode redacted = AuditRedaction.redact(original);

        assertThat(redacted.path("userName").asText()).isEqualTo("bob");
        assertThat(redacted.path("passwordResetRequired").asBoolean()).isTrue();
        assertThat(redacted.path("accessKeyId").asText()).isEqualTo("AKIA");
        assertThat(redacted.path("password").asText()).isEqualTo(AuditRedaction.HIDDEN);
        assertThat(original.path("password").asText()).isEqualTo("SECRET");
    }

    @Test
    void nullIsNull() throws Exception {
        assertThat(AuditRedaction.redact((JsonNode) null)).isNull();
        assertThat(AuditRedaction.redact(JSON.readTree("null"))).isNull();
    }

    @Test
    void redactsBothBodiesOfARecord() throws Exception {
        AuditRecord record = AuditCodecTest.createAccessKey()
                .withBodies(JSON.readTree("{\"password\":\"SECRET\"}"), JSON.readTree("{\"sessionToken\":\"SECRET\"}"));

        AuditRecord redacted = AuditRedaction.redact(record);

        assertThat(redacted.requestParameters().toString()).doesNotContain("SECRET");
        assertThat(redacted.responseElements().toString()).doesNotContain("SECRET");
        assertThat(redacted.eventID()).isEqualTo(record.eventID());
    }
}
