package dev.openiam.model.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.model.event.EventCodec;
import dev.openiam.model.event.EventEnvelope;
import dev.openiam.model.event.IdentityEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = "111122223333";

    /** A CreateAccessKey call by IAM user alice, whose response carries the new secret. */
    static AuditRecord createAccessKey() throws Exception {
        return new AuditRecord(null,
                AuditRecord.UserIdentity.iamUser(ACCOUNT, "AIDAALICE0000000000A", "arn:aws:iam::" + ACCOUNT + ":user/alice",
                        "alice", "AKIAALICE00000000000"),
                Instant.parse("2026-12-05T10:15:30.123456Z"), "iam.amazonaws.com", "CreateAccessKey", "us-east-1",
                "203.0.113.7", "aws-cli/2.9.19", null, null,
                JSON.readTree("{\"userName\":\"bob\"}"),
                JSON.readTree("{\"accessKey\":{\"accessKeyId\":\"AKIABOB0000000000000\",\"status\":\"Active\","
                        + "\"userName\":\"bob\",\"secretAccessKey\":\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"}}"),
                "0a1b2c3d-0000-4000-8000-000000000001", UUID.fromString("6f1c3a5e-5b1f-4f6e-9d4e-3e7a1c2b9d01"),
                false, List.of(new AuditRecord.Resource(ACCOUNT, "AWS::IAM::User", "arn:aws:iam::" + ACCOUNT + ":user/bob")),
                null, true, ACCOUNT, null);
    }

    @Test
    void writesCloudTrailsNamesAndDefaults() throws Exception {
        JsonNode json = JSON.readTree(AuditCodec.toJson(createAccessKey()));

        assertThat(json.path("eventVersion").asText()).isEqualTo("1.11");
        assertThat(json.path("eventTime").asText()).isEqualTo("2026-12-05T10:15:30Z");
        assertThat(json.path("sourceIPAddress").asText()).isEqualTo("203.0.113.7");
        assertThat(json.path("requestID").asText()).isEqualTo("0a1b2c3d-0000-4000-8000-000000000001");
        assertThat(json.path("eventID").asText()).isEqualTo("6f1c3a5e-5b1f-4f6e-9d4e-3e7a1c2b9d01");
        assertThat(json.path("eventType").asText()).isEqualTo("AwsApiCall");
        assertThat(json.path("eventCategory").asText()).isEqualTo("Management");
        assertThat(json.path("managementEvent").asBoolean()).isTrue();
        assertThat(json.path("readOnly").isBoolean()).isTrue();
        assertThat(json.path("resources").get(0).path("ARN").asText()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/bob");
        assertThat(json.path("userIdentity").path("type").asText()).isEqualTo("IAMUser");
        // a success has no error members at all, as in CloudTrail
        assertThat(json.has("errorCode")).isFalse();
        assertThat(json.has("errorMessage")).isFalse();
        assertThat(json.has("sourceIpAddress")).isFalse();
    }

    @Test
    void neverEncodesTheSecretOntoTheTopic() throws Exception {
        String wire = AuditCodec.encode(createAccessKey());

        assertThat(wire).doesNotContain("wJalrXUtnFEMI").contains(AuditRedaction.HIDDEN);
        AuditRecord back = AuditCodec.decode(wire);
        assertThat(back.responseElements().path("accessKey").path("secretAccessKey").asText()).isEqualTo(AuditRedaction.HIDDEN);
        assertThat(back.responseElements().path("accessKey").path("accessKeyId").asText()).isEqualTo("AKIABOB0000000000000");
    }

    @Test
    void roundTripsThroughTheEnvelope() throws Exception {
        AuditRecord record = AuditRedaction.redact(createAccessKey());
        EventEnvelope envelope = EventCodec.decode(AuditCodec.encode(record));

        assertThat(envelope.type()).isEqualTo("AuditRecord");
        assertThat(envelope.eventId()).isEqualTo(record.eventID());
        assertThat(envelope.accountId()).isEqualTo(ACCOUNT);
        assertThat(envelope.actor()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/alice");
        assertThat(envelope.payload()).isEqualTo(record);
        assertThat(AuditCodec.fromJson(AuditCodec.toJson(record))).isEqualTo(record);
    }

    @Test
    void decodingRedactsWhatAProducerForgot() {
        // written without the codec: the secret is on the wire
        String wire = "{\"eventId\":\"6f1c3a5e-5b1f-4f6e-9d4e-3e7a1c2b9d02\",\"type\":\"AuditRecord\",\"version\":1,"
                + "\"accountId\":\"" + ACCOUNT + "\",\"revision\":0,\"occurredAt\":\"2026-12-05T10:15:30Z\",\"actor\":\"x\","
                + "\"payload\":{\"userIdentity\":{\"type\":\"Root\"},\"eventTime\":\"2026-12-05T10:15:30Z\","
                + "\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateLoginProfile\",\"eventID\":"
                + "\"6f1c3a5e-5b1f-4f6e-9d4e-3e7a1c2b9d02\",\"recipientAccountId\":\"" + ACCOUNT + "\","
                + "\"requestParameters\":{\"userName\":\"bob\",\"Password\":\"hunter2-hunter2\"}}}";

        AuditRecord record = AuditCodec.decode(wire);

        assertThat(record.requestParameters().path("Password").asText()).isEqualTo(AuditRedaction.HIDDEN);
        assertThat(AuditCodec.toJson(record)).doesNotContain("hunter2");
    }

    @Test
    void readsARecordAsCloudTrailWritesIt() {
        // an AssumedRole caller with its session context, and members this model does not name (tlsDetails)
        String cloudTrail = "{\"eventVersion\":\"1.11\",\"userIdentity\":{\"type\":\"AssumedRole\","
                + "\"principalId\":\"AROAEXAMPLE000000000:deploy\",\"arn\":\"arn:aws:sts::" + ACCOUNT + ":assumed-role/ci/deploy\","
                + "\"accountId\":\"" + ACCOUNT + "\",\"accessKeyId\":\"ASIAEXAMPLE000000000\",\"sessionContext\":{"
                + "\"sessionIssuer\":{\"type\":\"Role\",\"principalId\":\"AROAEXAMPLE000000000\",\"arn\":\"arn:aws:iam::" + ACCOUNT
                + ":role/ci\",\"accountId\":\"" + ACCOUNT + "\",\"userName\":\"ci\"},\"attributes\":{\"creationDate\":"
                + "\"2026-12-05T09:00:00Z\",\"mfaAuthenticated\":\"true\"},\"sourceIdentity\":\"carol\"}},"
                + "\"eventTime\":\"2026-12-05T10:00:00Z\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"GetUser\","
                + "\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"198.51.100.1\",\"userAgent\":\"sdk\",\"requestParameters\":null,"
                + "\"responseElements\":null,\"requestID\":\"r-1\",\"eventID\":\"6f1c3a5e-5b1f-4f6e-9d4e-3e7a1c2b9d03\","
                + "\"readOnly\":true,\"eventType\":\"AwsApiCall\",\"managementEvent\":true,\"recipientAccountId\":\"" + ACCOUNT + "\","
                + "\"eventCategory\":\"Management\",\"tlsDetails\":{\"tlsVersion\":\"TLSv1.3\"}}";

        AuditRecord record = AuditCodec.fromJson(cloudTrail);

        AuditRecord.SessionContext session = record.userIdentity().sessionContext();
        assertThat(session.sessionIssuer().arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/ci");
        assertThat(session.attributes().mfaAuthenticated()).isTrue();
        assertThat(session.attributes().creationDate()).isEqualTo(Instant.parse("2026-12-05T09:00:00Z"));
        assertThat(session.sourceIdentity()).isEqualTo("carol");
        assertThat(record.username()).isEqualTo("deploy");
        assertThat(record.requestParameters()).isNull();
        assertThat(AuditCodec.toJson(record)).contains("\"mfaAuthenticated\":\"true\"").doesNotContain("requestParameters");
    }

    @Test
    void assumedRoleFactoryNamesTheRoleAsIssuer() {
        AuditRecord.UserIdentity identity = AuditRecord.UserIdentity.assumedRole(ACCOUNT, "AROAEXAMPLE000000000",
                "arn:aws:iam::" + ACCOUNT + ":role/ci", "ci", "deploy", "arn:aws:sts::" + ACCOUNT + ":assumed-role/ci/deploy",
                "ASIAEXAMPLE000000000", new AuditRecord.SessionContext(null, null,
                        new AuditRecord.SessionAttributes(Instant.parse("2026-12-05T09:00:00Z"), false), null));

        assertThat(identity.principalId()).isEqualTo("AROAEXAMPLE000000000:deploy");
        assertThat(identity.sessionContext().sessionIssuer().userName()).isEqualTo("ci");
        assertThat(identity.lookupName()).isEqualTo("deploy");
        assertThat(AuditRecord.UserIdentity.root(ACCOUNT, null).lookupName()).isEqualTo("root");
    }

    @Test
    void refusesOtherEventsAndMismatchedAccounts() throws Exception {
        String identityEvent = EventCodec.encode(EventEnvelope.of(ACCOUNT, 1, Instant.now(), "system",
                new IdentityEvent.AccountAliasDeleted("x")));
        assertThatThrownBy(() -> AuditCodec.decode(identityEvent)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an audit record");

        String wire = AuditCodec.encode(createAccessKey()).replace("\"accountId\":\"" + ACCOUNT + "\",\"revision\"",
                "\"accountId\":\"444455556666\",\"revision\"");
        assertThatThrownBy(() -> AuditCodec.decode(wire)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("444455556666");
    }

    @Test
    void aRecordWithoutItsIdentifyingMembersIsRefused() {
        String noEventId = "{\"eventId\":\"6f1c3a5e-5b1f-4f6e-9d4e-3e7a1c2b9d04\",\"type\":\"AuditRecord\",\"version\":1,"
                + "\"accountId\":\"" + ACCOUNT + "\",\"revision\":0,\"occurredAt\":\"2026-12-05T10:15:30Z\",\"actor\":\"x\","
                + "\"payload\":{\"userIdentity\":{\"type\":\"Root\"},\"eventTime\":\"2026-12-05T10:15:30Z\","
                + "\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"GetUser\",\"recipientAccountId\":\"" + ACCOUNT + "\"}}";
        assertThatThrownBy(() -> AuditCodec.decode(noEventId)).isInstanceOf(IllegalArgumentException.class);
    }
}
