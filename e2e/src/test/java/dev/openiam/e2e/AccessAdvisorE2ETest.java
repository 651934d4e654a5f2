package dev.openiam.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessAdvisorUsageGranularityType;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.EntityDetails;
import software.amazon.awssdk.services.iam.model.GetServiceLastAccessedDetailsResponse;
import software.amazon.awssdk.services.iam.model.GetServiceLastAccessedDetailsWithEntitiesResponse;
import software.amazon.awssdk.services.iam.model.JobStatusType;
import software.amazon.awssdk.services.iam.model.ServiceLastAccessed;
import software.amazon.awssdk.services.iam.model.TrackedActionLastAccessed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.openiam.e2e.Sts.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Access advisor through the unchanged SDK v2 and AWS CLI v2: a user's report lists the services its policies allow
 * (its own and its group's, a service this system does not serve too) and shows the IAM service and action the user
 * called in this test, with when, by whom and where; a denied call does not count; the group's report lists its member
 * with its last use; paging; AWS's errors; and the report is refused to a caller whose policies do not allow it.
 */
@ExtendWith(LocalSystem.class)
class AccessAdvisorE2ETest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"iam:ListUsers\",\"iam:GetUser\",\"s3:GetObject\"],\"Resource\":\"*\"}]}";
    private static final String GROUP_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"cloudtrail:LookupEvents\",\"Resource\":\"*\"}]}";

    @Test
    void aServiceUsedInTheTestShowsInTheReport() throws Exception {
        FreshAccount account = FreshAccount.create();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String user = "advised-" + run;
        String group = "advised-team-" + run;
        try (IamClient root = account.root()) {
            String userArn = root.createUser(b -> b.userName(user)).user().arn();
            String groupArn = root.createGroup(b -> b.groupName(group)).group().arn();
            root.addUserToGroup(b -> b.groupName(group).userName(user));
            root.putUserPolicy(b -> b.userName(user).policyName("reads").policyDocument(USER_POLICY));
            root.putGroupPolicy(b -> b.groupName(group).policyName("trail").policyDocument(GROUP_POLICY));
            AccessKey key = root.createAccessKey(b -> b.userName(user)).accessKey();

            Instant before = Instant.now().minusSeconds(1);
            try (IamClient caller = Clients.iam(key.accessKeyId(), key.secretAccessKey())) {
                await("the user's policy applies").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> caller.listUsers().users() != null);
                // denied: not an authorized call, never counted
                assertAwsError(() -> caller.deleteUser(b -> b.userName(user)), 403, "AccessDenied");
                // nor may the user have a report made: its policies do not allow it
                assertAwsError(() -> caller.generateServiceLastAccessedDetails(b -> b.arn(userArn)), 403, "AccessDenied");
            }

            // the call reaches the report once audit-service stored its record: a report made after that shows it
            GetServiceLastAccessedDetailsResponse report = await("the call shows in a new report").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> details(root, userArn, AccessAdvisorUsageGranularityType.ACTION_LEVEL),
                            r -> byNamespace(r).get("iam").lastAuthenticated() != null);
            assertThat(report.jobStatus()).isEqualTo(JobStatusType.COMPLETED);
            assertThat(report.jobType()).isEqualTo(AccessAdvisorUsageGranularityType.ACTION_LEVEL);
            assertThat(report.jobCreationDate()).isAfter(before);
            assertThat(report.jobCompletionDate()).isAfterOrEqualTo(report.jobCreationDate());
            assertThat(report.isTruncated()).isFalse();
            // its own policy's services and its group's, s3 though this system does not serve it
            Map<String, ServiceLastAccessed> services = byNamespace(report);
            assertThat(services.keySet()).containsExactly("cloudtrail", "iam", "s3");
            ServiceLastAccessed iam = services.get("iam");
            assertThat(iam.serviceName()).isEqualTo("AWS Identity and Access Management (IAM)");
            assertThat(iam.lastAuthenticated()).isAfter(before.minusSeconds(1));
            assertThat(iam.lastAuthenticatedEntity()).isEqualTo(userArn);
            assertThat(iam.lastAuthenticatedRegion()).isEqualTo("us-east-1");
            assertThat(iam.totalAuthenticatedEntities()).isEqualTo(1);
            assertThat(iam.trackedActionsLastAccessed()).extracting(TrackedActionLastAccessed::actionName).contains("ListUsers")
                    .doesNotContain("DeleteUser", "GenerateServiceLastAccessedDetails");
            assertThat(services.get("s3").lastAuthenticated()).isNull();
            assertThat(services.get("s3").lastAuthenticatedEntity()).isNull();
            assertThat(services.get("cloudtrail").lastAuthenticated()).isNull();

            // at service level: no actions; a page at a time
            String serviceJob = root.generateServiceLastAccessedDetails(b -> b.arn(userArn)).jobId();
            GetServiceLastAccessedDetailsResponse first = root.getServiceLastAccessedDetails(b -> b.jobId(serviceJob).maxItems(2));
            assertThat(first.jobType()).isEqualTo(AccessAdvisorUsageGranularityType.SERVICE_LEVEL);
            assertThat(first.servicesLastAccessed()).extracting(ServiceLastAccessed::serviceNamespace).containsExactly("cloudtrail", "iam");
            assertThat(first.servicesLastAccessed().get(1).trackedActionsLastAccessed()).isEmpty();
            assertThat(first.isTruncated()).isTrue();
            GetServiceLastAccessedDetailsResponse second = root.getServiceLastAccessedDetails(b -> b.jobId(serviceJob).maxItems(2)
                    .marker(first.marker()));
            assertThat(second.servicesLastAccessed()).extracting(ServiceLastAccessed::serviceNamespace).containsExactly("s3");
            assertThat(second.isTruncated()).isFalse();

            // the group's report: its member, with its last use of IAM
            String groupJob = root.generateServiceLastAccessedDetails(b -> b.arn(groupArn)).jobId();
            assertThat(byNamespace(root.getServiceLastAccessedDetails(b -> b.jobId(groupJob))).keySet()).containsExactly("cloudtrail");
            GetServiceLastAccessedDetailsWithEntitiesResponse members = root.getServiceLastAccessedDetailsWithEntities(b -> b
                    .jobId(groupJob).serviceNamespace("iam"));
            assertThat(members.jobStatus()).isEqualTo(JobStatusType.COMPLETED);
            assertThat(members.entityDetailsList()).hasSize(1);
            EntityDetails member = members.entityDetailsList().get(0);
            assertThat(member.entityInfo().arn()).isEqualTo(userArn);
            assertThat(member.entityInfo().name()).isEqualTo(user);
            assertThat(member.entityInfo().typeAsString()).isEqualTo("USER");
            assertThat(member.entityInfo().id()).startsWith("AIDA");
            assertThat(member.lastAuthenticated()).isEqualTo(iam.lastAuthenticated());
        }
    }

    @Test
    void awsErrors() {
        FreshAccount account = FreshAccount.create();
        String arn = "arn:aws:iam::" + account.accountId() + ":";
        try (IamClient root = account.root()) {
            assertAwsError(() -> root.generateServiceLastAccessedDetails(b -> b.arn(arn + "user/nobody")), 404, "NoSuchEntity");
            assertAwsError(() -> root.generateServiceLastAccessedDetails(b -> b.arn(arn + "policy/nothing")), 404, "NoSuchEntity");
            // another account's user is none of this account's
            assertAwsError(() -> root.generateServiceLastAccessedDetails(b -> b.arn("arn:aws:iam::999988887777:user/x")), 404,
                    "NoSuchEntity");
            assertAwsError(() -> root.generateServiceLastAccessedDetails(b -> b.arn("arn:aws:s3:::a-bucket-of-mine")), 400,
                    "InvalidInput");
            assertAwsError(() -> root.generateServiceLastAccessedDetails(b -> b.arn(arn + "instance-profile/p")), 400, "InvalidInput");
            assertAwsError(() -> root.generateServiceLastAccessedDetails(b -> b.arn(arn + "root").granularity("EVERYTHING")), 400,
                    "ValidationError");
            assertAwsError(() -> root.getServiceLastAccessedDetails(b -> b.jobId(UUID.randomUUID().toString())), 404, "NoSuchEntity");
            assertAwsError(() -> root.getServiceLastAccessedDetails(b -> b.jobId("short")), 400, "ValidationError");
            assertAwsError(() -> root.getServiceLastAccessedDetailsWithEntities(b -> b.jobId(UUID.randomUUID().toString())
                    .serviceNamespace("iam")), 404, "NoSuchEntity");
            // an AWS managed policy's report: the services it allows
            String job = root.generateServiceLastAccessedDetails(b -> b.arn("arn:aws:iam::aws:policy/IAMReadOnlyAccess")).jobId();
            assertThat(byNamespace(root.getServiceLastAccessedDetails(b -> b.jobId(job))).keySet()).contains("iam");
            assertAwsError(() -> root.getServiceLastAccessedDetailsWithEntities(b -> b.jobId(job).serviceNamespace("no such!")), 400,
                    "ValidationError");
        }
        // a job is read back only by the caller that generated it
        try (IamClient root = account.root(); IamClient other = FreshAccount.create().root()) {
            root.createUser(b -> b.userName("someone"));
            String job = root.generateServiceLastAccessedDetails(b -> b.arn(arn + "user/someone")).jobId();
            assertThat(root.getServiceLastAccessedDetails(b -> b.jobId(job)).jobStatus()).isEqualTo(JobStatusType.COMPLETED);
            assertAwsError(() -> other.getServiceLastAccessedDetails(b -> b.jobId(job)), 404, "NoSuchEntity");
        }
    }

    @Test
    void theAwsCliGeneratesAndReadsAReport() throws Exception {
        RequiredClients.awsCliV2();
        FreshAccount account = FreshAccount.create();
        String user = "cli-advised-" + UUID.randomUUID().toString().substring(0, 8);
        String userArn;
        try (IamClient root = account.root()) {
            userArn = root.createUser(b -> b.userName(user)).user().arn();
            root.putUserPolicy(b -> b.userName(user).policyName("reads").policyDocument(USER_POLICY));
            AccessKey key = root.createAccessKey(b -> b.userName(user)).accessKey();
            try (IamClient caller = Clients.iam(key.accessKeyId(), key.secretAccessKey())) {
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> caller.getUser(b -> b.userName(user)).user() != null);
            }
        }
        JsonNode iam = await("the call shows in a report").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    String jobId = JSON.readTree(cli(account, "generate-service-last-accessed-details", "--arn", userArn,
                            "--granularity", "ACTION_LEVEL")).get("JobId").asText();
                    JsonNode details = JSON.readTree(cli(account, "get-service-last-accessed-details", "--job-id", jobId));
                    assertThat(details.get("JobStatus").asText()).isEqualTo("COMPLETED");
                    assertThat(details.get("JobType").asText()).isEqualTo("ACTION_LEVEL");
                    List<JsonNode> services = new ArrayList<>();
                    details.get("ServicesLastAccessed").forEach(services::add);
                    assertThat(services).extracting(s -> s.get("ServiceNamespace").asText()).containsExactly("iam", "s3");
                    return services.get(0);
                }, s -> s.has("LastAuthenticated"));
        assertThat(iam.get("LastAuthenticatedEntity").asText()).isEqualTo(userArn);
        List<String> actions = new ArrayList<>();
        iam.get("TrackedActionsLastAccessed").forEach(a -> actions.add(a.get("ActionName").asText()));
        assertThat(actions).containsExactly("GetUser");
    }

    private static String cli(FreshAccount account, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(RequiredClients.AWS.toString(), "--endpoint-url",
                LocalSystem.get().endpoint().toString(), "--output", "json", "iam"));
        command.addAll(List.of(args));
        return AwsCliE2ETest.run(command, account.environment());
    }

    private static GetServiceLastAccessedDetailsResponse details(IamClient root, String arn, AccessAdvisorUsageGranularityType level) {
        String jobId = root.generateServiceLastAccessedDetails(b -> b.arn(arn).granularity(level)).jobId();
        return root.getServiceLastAccessedDetails(b -> b.jobId(jobId));
    }

    private static Map<String, ServiceLastAccessed> byNamespace(GetServiceLastAccessedDetailsResponse report) {
        return report.servicesLastAccessed().stream().collect(Collectors.toMap(ServiceLastAccessed::serviceNamespace,
                Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
    }
}
