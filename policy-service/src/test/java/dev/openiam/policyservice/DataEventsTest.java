package dev.openiam.policyservice;

import dev.openiam.model.audit.AuditRecord;
import dev.openiam.policyservice.DecisionApiTest.Answer;
import dev.openiam.policyservice.principal.Principal;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static dev.openiam.policyservice.DecisionApiTest.question;
import static dev.openiam.policyservice.DecisionApiTest.signed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data events: the decisions the decision API makes for a user's own service are recorded on {@code iam.audit.v1}
 * (eventCategory Data, managementEvent false, the action's service as the event source, the principal asked about as
 * the caller, a deny as AccessDenied) for the account that opted in ({@code %test.iam.data-events.accounts}); for any
 * other account, none.
 */
@QuarkusTest
class DataEventsTest {

    /** The account application.properties opts in for tests. */
    private static final String OPTED_IN = "444455556666";
    private static final String READ_OWN = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/*\"}]}";

    @TestHTTPResource("/")
    URI endpoint;

    @Test
    void decisionsAreRecordedForTheAccountThatOptedInOnly() throws Exception {
        Principal bob = IdentityStandIn.user(OPTED_IN, "bob");
        IdentityStandIn.AccessKey service = IdentityStandIn.rootKey(OPTED_IN);
        Iam.root(OPTED_IN).written("PutUserPolicy", "UserName", "bob", "PolicyName", "read", "PolicyDocument", READ_OWN);

        Answer allowed = signed(endpoint, service, "/v1/authorize", question(bob.arn(), "s3:GetObject", "arn:aws:s3:::bucket/a",
                Map.of("aws:SourceIp", "198.51.100.7")));
        assertThat(allowed.json().path("decision").asText()).as(allowed.body()).isEqualTo("Allow");
        Answer batch = signed(endpoint, service, "/v1/authorize:batch", "{\"requests\":["
                + question(bob.arn(), "s3:PutObject", "arn:aws:s3:::bucket/a", Map.of()) + ","
                + question(bob.arn(), "myapp:ReadReport", "*", Map.of()) + "]}");
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);

        // the policy write's own record, then the three decisions, in the order they were made
        List<AuditRecord> records = AuditRecordsTest.records(OPTED_IN, 4);
        List<AuditRecord> data = records.stream().filter(r -> AuditRecord.DATA.equals(r.eventCategory())).toList();
        assertThat(data).hasSize(3);
        assertThat(data).allSatisfy(r -> {
            assertThat(r.managementEvent()).isFalse();
            assertThat(r.eventType()).isEqualTo(AuditRecord.API_CALL);
            assertThat(r.recipientAccountId()).isEqualTo(OPTED_IN);
            assertThat(r.userIdentity().type()).isEqualTo("IAMUser");
            assertThat(r.userIdentity().arn()).isEqualTo(bob.arn());
            assertThat(r.userIdentity().principalId()).isEqualTo(bob.id());
            assertThat(r.requestParameters().path("principal").asText()).isEqualTo(bob.arn());
        });
        AuditRecord get = data.stream().filter(r -> r.eventName().equals("GetObject")).findFirst().orElseThrow();
        assertThat(get.eventSource()).isEqualTo("s3.amazonaws.com");
        assertThat(get.errorCode()).isNull();
        assertThat(get.readOnly()).isTrue();
        assertThat(get.sourceIPAddress()).isEqualTo("198.51.100.7");
        assertThat(get.requestParameters().path("resource").asText()).isEqualTo("arn:aws:s3:::bucket/a");
        assertThat(get.responseElements().path("decision").asText()).isEqualTo("Allow");
        AuditRecord put = data.stream().filter(r -> r.eventName().equals("PutObject")).findFirst().orElseThrow();
        assertThat(put.errorCode()).isEqualTo("AccessDenied");
        assertThat(put.errorMessage()).contains(bob.arn()).contains("s3:PutObject");
        assertThat(put.readOnly()).isFalse();
        // a service of the user's own
        AuditRecord own = data.stream().filter(r -> r.eventName().equals("ReadReport")).findFirst().orElseThrow();
        assertThat(own.eventSource()).isEqualTo("myapp.amazonaws.com");
        assertThat(own.errorCode()).isEqualTo("AccessDenied");

        // another account: its decisions are made, and none recorded — its next record (a policy write, on the same
        // partition, so after anything recorded before it) comes alone
        Iam other = Iam.freshAccount();
        Principal carol = IdentityStandIn.user(other.accountId(), "carol");
        Answer unrecorded = signed(endpoint, IdentityStandIn.rootKey(other.accountId()), "/v1/authorize",
                question(carol.arn(), "s3:GetObject", "arn:aws:s3:::bucket/a", Map.of()));
        assertThat(unrecorded.json().path("decision").asText()).as(unrecorded.body()).isEqualTo("ImplicitDeny");
        other.written("PutUserPolicy", "UserName", "carol", "PolicyName", "read", "PolicyDocument", READ_OWN);
        assertThat(AuditRecordsTest.records(other.accountId(), 1)).extracting(AuditRecord::eventCategory)
                .containsExactly(AuditRecord.MANAGEMENT);
    }
}
