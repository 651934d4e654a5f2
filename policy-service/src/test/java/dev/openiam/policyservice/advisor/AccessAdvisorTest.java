package dev.openiam.policyservice.advisor;

import dev.openiam.policyservice.IdentityStandIn;
import dev.openiam.policyservice.Iam;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access advisor as policy-service performs it, forwarded: AWS's errors; a job is read back only by the caller that
 * generated it; and when audit-service does not answer (in these tests nothing listens at its address) the job is
 * FAILED with its error, and lists nothing, rather than a report that claims no use.
 */
@QuarkusTest
class AccessAdvisorTest {

    @Test
    void withoutAuditServiceTheJobFailsAndSaysWhy() {
        Iam root = Iam.freshAccount();
        IdentityStandIn.user(root.accountId(), "alice");
        root.written("PutUserPolicy", "UserName", "alice", "PolicyName", "p", "PolicyDocument", Iam.doc("iam:GetUser"));

        String jobId = root.ok("GenerateServiceLastAccessedDetails", "Arn", root.arn("user/alice"), "Granularity", "ACTION_LEVEL")
                .getString("JobId");
        assertThat(UUID.fromString(jobId).toString()).isEqualTo(jobId);

        XmlPath job = root.ok("GetServiceLastAccessedDetails", "JobId", jobId);
        assertThat(job.getString("JobStatus")).isEqualTo("FAILED");
        assertThat(job.getString("JobType")).isEqualTo("ACTION_LEVEL");
        assertThat(job.getString("JobCreationDate")).startsWith("20");
        assertThat(job.getString("JobCompletionDate")).startsWith("20");
        assertThat(job.getString("Error.Code")).isEqualTo("ServiceUnavailable");
        assertThat(job.getString("Error.Message")).contains("audit-service");
        assertThat(job.getList("ServicesLastAccessed.member")).isEmpty();
        assertThat(job.getString("IsTruncated")).isEqualTo("false");
        XmlPath entities = root.ok("GetServiceLastAccessedDetailsWithEntities", "JobId", jobId, "ServiceNamespace", "iam");
        assertThat(entities.getString("JobStatus")).isEqualTo("FAILED");
        assertThat(entities.getList("EntityDetailsList.member")).isEmpty();
    }

    @Test
    void aJobIsReadBackOnlyByItsCaller() {
        Iam root = Iam.freshAccount();
        IdentityStandIn.user(root.accountId(), "alice");
        root.written("PutUserPolicy", "UserName", "alice", "PolicyName", "p", "PolicyDocument", Iam.doc("iam:*"));
        String jobId = root.ok("GenerateServiceLastAccessedDetails", "Arn", root.arn("user/alice")).getString("JobId");

        root.asUser("alice").fails(404, "NoSuchEntity", "The job with ID " + jobId + " cannot be found.",
                "GetServiceLastAccessedDetails", "JobId", jobId);
        Iam.freshAccount().fails(404, "NoSuchEntity", null, "GetServiceLastAccessedDetails", "JobId", jobId);
        assertThat(root.ok("GetServiceLastAccessedDetails", "JobId", jobId).getString("JobType")).isEqualTo("SERVICE_LEVEL");
    }

    @Test
    void awsErrors() {
        Iam root = Iam.freshAccount();
        IdentityStandIn.user(root.accountId(), "alice");
        root.fails(404, "NoSuchEntity", "The user with name bob cannot be found.", "GenerateServiceLastAccessedDetails",
                "Arn", root.arn("user/bob"));
        root.fails(404, "NoSuchEntity", null, "GenerateServiceLastAccessedDetails", "Arn", root.arn("policy/none"));
        root.fails(400, "InvalidInput", null, "GenerateServiceLastAccessedDetails", "Arn", root.arn("mfa/phone-of-alice"));
        root.fails(400, "InvalidInput", null, "GenerateServiceLastAccessedDetails", "Arn", "not an arn at all, surely");
        root.fails(400, "ValidationError", null, "GenerateServiceLastAccessedDetails", "Arn", root.arn("user/alice"),
                "Granularity", "FINE");
        root.fails(400, "ValidationError", null, "GenerateServiceLastAccessedDetails", "Arn", "arn:aws:iam::1:u");
        root.fails(400, "ValidationError", null, "GetServiceLastAccessedDetails", "JobId", "too-short");
        root.fails(400, "ValidationError", null, "GetServiceLastAccessedDetails", "JobId", UUID.randomUUID().toString(),
                "MaxItems", "0");
        root.fails(400, "ValidationError", null, "GetServiceLastAccessedDetailsWithEntities", "JobId",
                UUID.randomUUID().toString(), "ServiceNamespace", "not valid!");
        root.fails(404, "NoSuchEntity", null, "GetServiceLastAccessedDetailsWithEntities", "JobId",
                UUID.randomUUID().toString(), "ServiceNamespace", "iam");
    }
}
