package dev.openiam.audittrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.SessionContext;
import dev.openiam.model.audit.AuditCodec;
import dev.openiam.model.audit.AuditRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ApiCallTest {

    private static final CallerClaims ALICE = new CallerClaims("arn:aws:iam::111122223333:user/team/alice", "111122223333",
            "AIDAALICE", "AKIAALICE", false);

    @Test
    void queryParametersBecomeCamelCaseMembersAndListsArrays() throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", "CreateUser");
        params.put("Version", "2010-05-08");
        params.put("UserName", "bob");
        params.put("Tags.member.10.Key", "k10");
        params.put("Tags.member.2.Key", "k2");
        params.put("Tags.member.2.Value", "v2");
        params.put("Tags.member.1.Key", "k1");
        params.put("X-Amz-Security-Token", "a-session-token");
        JsonNode json = RequestParameters.of(params);
        assertThat(json.toString()).isEqualTo(
                "{\"tags\":[{\"key\":\"k1\"},{\"key\":\"k2\",\"value\":\"v2\"},null,null,null,null,null,null,null,{\"key\":\"k10\"}],"
                        + "\"userName\":\"bob\"}");
        assertThat(RequestParameters.of(Map.of("Action", "ListUsers", "Version", "2010-05-08"))).isNull();
    }

    @Test
    void aWriteRecordsItsResultAndHidesItsSecrets() throws Exception {
        QueryRequest request = QueryRequest.of(Map.of("Action", "CreateLoginProfile", "UserName", "bob", "Password", "Sup3r$ecret!"));
        ApiCall call = IamCalls.of("CreateLoginProfile", request, ALICE, "req-1", "10.0.0.1", "aws-cli/2");
        record AccessKey(String accessKeyId, String secretAccessKey) {
        }
        AuditRecord record = call.succeeded(new AccessKey("AKIANEW", "the-new-secret"));
        String json = AuditCodec.toJson(record);
        assertThat(json).doesNotContain("Sup3r$ecret!").doesNotContain("the-new-secret").contains("AKIANEW");
        JsonNode tree = new ObjectMapper().readTree(json);
        assertThat(tree.at("/requestParameters/password").asText()).isEqualTo("HIDDEN_DUE_TO_SECURITY_REASONS");
        assertThat(tree.at("/responseElements/accessKey/accessKeyId").asText()).isEqualTo("AKIANEW");
        assertThat(tree.at("/readOnly").asBoolean()).isFalse();
        assertThat(tree.at("/eventSource").asText()).isEqualTo("iam.amazonaws.com");
        assertThat(tree.at("/userIdentity/type").asText()).isEqualTo("IAMUser");
        assertThat(tree.at("/userIdentity/userName").asText()).isEqualTo("alice");
        assertThat(tree.at("/recipientAccountId").asText()).isEqualTo("111122223333");
        assertThat(record.resources()).containsExactly(
                new AuditRecord.Resource("111122223333", "AWS::IAM::User", "arn:aws:iam::111122223333:user/bob"));
    }

    @Test
    void aReadIsReadOnlyAndAFailureCarriesItsErrorAndNoResponse() {
        ApiCall call = IamCalls.of("GetUser", QueryRequest.of(Map.of("UserName", "nobody")), ALICE, "req-2", null, null);
        assertThat(call.readOnly()).isTrue();
        AuditRecord record = call.failed("NoSuchEntity", "The user with name nobody cannot be found.");
        assertThat(record.errorCode()).isEqualTo("NoSuchEntity");
        assertThat(record.responseElements()).isNull();
        assertThat(record.eventType()).isEqualTo("AwsApiCall");
        assertThat(record.managementEvent()).isTrue();
        assertThat(record.eventCategory()).isEqualTo("Management");
    }

    @Test
    void aRoleSessionIsAnAssumedRoleWithItsIssuerAndAttributes() {
        Instant issued = Instant.parse("2026-12-01T10:00:00Z");
        SessionContext session = new SessionContext("arn:aws:iam::111122223333:role/app/reader", "AssumedRole", issued,
                issued.plusSeconds(3600), null, List.of(), Map.of(), List.of(), "alice-src", null, false);
        CallerClaims caller = new CallerClaims("arn:aws:sts::111122223333:assumed-role/reader/s1", "111122223333", "AROAREADER:s1",
                "ASIATEMP", false, issued, session);
        AuditRecord.UserIdentity identity = UserIdentities.of(caller);
        assertThat(identity.type()).isEqualTo("AssumedRole");
        assertThat(identity.principalId()).isEqualTo("AROAREADER:s1");
        assertThat(identity.arn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/reader/s1");
        assertThat(identity.sessionContext().sessionIssuer()).isEqualTo(new AuditRecord.SessionIssuer("Role", "AROAREADER",
                "arn:aws:iam::111122223333:role/app/reader", "111122223333", "reader"));
        assertThat(identity.sessionContext().attributes()).isEqualTo(new AuditRecord.SessionAttributes(issued, true));
        assertThat(identity.sessionContext().sourceIdentity()).isEqualTo("alice-src");
        assertThat(ApiCall.query(ApiCall.STS, "GetCallerIdentity", Map.of(), caller, "r", null, null, true, List.of())
                .succeeded(null).username()).isEqualTo("s1");
    }
}
