package dev.openiam.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.openiam.e2e.Workloads.TOKEN;
import static dev.openiam.e2e.Workloads.TTL;
import static dev.openiam.e2e.Workloads.lines;
import static dev.openiam.e2e.Workloads.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workload credentials end to end: workloads registered with {@code iam-local workload add}, then the unchanged default
 * credential chain of the SDK for Java v2 (a child JVM) and of boto3 (/usr/bin/python3), each with nothing but the
 * workload's export lines, gets the role's credentials from the IMDSv2-compatible endpoint (an instance profile, its
 * role trusting {@code ec2.amazonaws.com}) or the container credentials endpoint (a role trusting
 * {@code ecs-tasks.amazonaws.com}; a Kubernetes service account's projected token), and GetCallerIdentity names the
 * session {@code assumed-role/ROLE/<workload id>}. Refused as EC2 and ECS refuse: no trust, unknown workload, no token.
 * Every fetch is in the CloudTrail trail as AssumeRole by the service.
 */
@ExtendWith(LocalSystem.class)
class WorkloadCredentialsE2ETest {

    private static final ObjectMapper JSON = Workloads.JSON;
    static IamClient root;
    static String account;
    final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void clients() {
        root = Clients.root();
        account = LocalSystem.get().accountId();
    }

    @AfterAll
    static void close() {
        root.close();
    }

    @Test
    void theJavaSdksDefaultChainGetsAnInstanceProfilesRoleFromTheMetadataEndpoint() throws Exception {
        String roleName = "wl-ec2-" + run;
        String roleArn = role(roleName, "ec2.amazonaws.com");
        String profile = profile("wl-prof-" + run, roleName);
        Map<String, String> exports = workloadAdd("--instance-profile", profile);
        String endpoint = exports.get("AWS_EC2_METADATA_SERVICE_ENDPOINT");
        assertThat(endpoint).startsWith(LocalSystem.get().stsEndpoint() + "/workloads/");
        assertThat(exports).doesNotContainKey("AWS_CONTAINER_CREDENTIALS_FULL_URI");

        Map<String, String> sdk = lines(javaSdk(exports));
        assertThat(sdk.get("arn")).matches("arn:aws:sts::" + account + ":assumed-role/" + roleName + "/i-[0-9a-f]{17}");
        String workloadId = sdk.get("arn").substring(sdk.get("arn").lastIndexOf('/') + 1);

        // what EC2's IMDSv2 answers, read directly
        String token = send("PUT", endpoint + "/latest/api/token", Map.of(TTL, "300")).body();
        assertThat(send("GET", endpoint + "/latest/meta-data/iam/security-credentials/", Map.of(TOKEN, token)).body()).isEqualTo(roleName);
        JsonNode credentials = JSON.readTree(send("GET", endpoint + "/latest/meta-data/iam/security-credentials/" + roleName,
                Map.of(TOKEN, token)).body());
        assertThat(credentials.path("Code").asText()).isEqualTo("Success");
        assertThat(credentials.path("Type").asText()).isEqualTo("AWS-HMAC");
        assertThat(credentials.path("SecretAccessKey").asText()).hasSize(40);
        assertThat(credentials.path("Token").asText()).isNotEmpty();
        assertThat(credentials.path("LastUpdated").asText()).endsWith("Z");
        assertThat(credentials.path("Expiration").asText()).endsWith("Z");
        // cached per workload: the same credentials as the SDK got
        assertThat(credentials.path("AccessKeyId").asText()).isEqualTo(sdk.get("key"));
        JsonNode info = JSON.readTree(send("GET", endpoint + "/latest/meta-data/iam/info", Map.of(TOKEN, token)).body());
        assertThat(info.path("InstanceProfileArn").asText()).isEqualTo("arn:aws:iam::" + account + ":instance-profile/" + profile);
        assertThat(info.path("InstanceProfileId").asText()).startsWith("AIPA");

        // IMDSv2: no token, a bad TTL, another path's token
        assertThat(send("GET", endpoint + "/latest/meta-data/iam/security-credentials/", Map.of()).statusCode()).isEqualTo(401);
        assertThat(send("PUT", endpoint + "/latest/api/token", Map.of(TTL, "21601")).statusCode()).isEqualTo(400);
        assertThat(send("PUT", endpoint + "/latest/api/token", Map.of()).statusCode()).isEqualTo(400);
        assertThat(send("PUT", LocalSystem.get().stsEndpoint() + "/workloads/nobody/latest/api/token", Map.of(TTL, "60")).statusCode())
                .isEqualTo(404);

        // each fetch is in the trail: AssumeRole by ec2.amazonaws.com, the session named after the workload
        List<JsonNode> records = trail(roleArn, 2);
        assertThat(records).allSatisfy(record -> {
            assertThat(record.path("eventName").asText()).isEqualTo("AssumeRole");
            assertThat(record.at("/userIdentity/type").asText()).isEqualTo("AWSService");
            assertThat(record.at("/userIdentity/invokedBy").asText()).isEqualTo("ec2.amazonaws.com");
            assertThat(record.at("/requestParameters/roleSessionName").asText()).isEqualTo(workloadId);
            assertThat(record.at("/responseElements/credentials/accessKeyId").asText()).isEqualTo(sdk.get("key"));
            assertThat(record.toString()).doesNotContain(credentials.path("SecretAccessKey").asText())
                    .doesNotContain(credentials.path("Token").asText());
        });
    }

    @Test
    void theJavaSdksDefaultChainGetsARoleFromTheContainerEndpoint() throws Exception {
        String roleName = "wl-ecs-" + run;
        role(roleName, "ecs-tasks.amazonaws.com");
        Map<String, String> exports = workloadAdd("--role", roleName);
        assertThat(exports.get("AWS_CONTAINER_CREDENTIALS_FULL_URI")).isEqualTo(LocalSystem.get().stsEndpoint() + "/v1/workload-credentials");
        assertThat(exports.get("AWS_CONTAINER_AUTHORIZATION_TOKEN")).isNotEmpty();
        assertThat(lines(javaSdk(exports)).get("arn")).matches("arn:aws:sts::" + account + ":assumed-role/" + roleName + "/i-[0-9a-f]{17}");

        JsonNode answer = JSON.readTree(send("GET", exports.get("AWS_CONTAINER_CREDENTIALS_FULL_URI"),
                Map.of("Authorization", exports.get("AWS_CONTAINER_AUTHORIZATION_TOKEN"))).body());
        assertThat(answer.path("RoleArn").asText()).isEqualTo("arn:aws:iam::" + account + ":role/" + roleName);
        assertThat(answer.path("AccessKeyId").asText()).startsWith("ASIA");
    }

    @Test
    void aKubernetesServiceAccountsProjectedTokenGetsItsBoundRole() throws Exception {
        try (TestIssuer issuer = new TestIssuer("/wl-cluster-" + run)) {
            root.createOpenIDConnectProvider(b -> b.url(issuer.issuer()).clientIDList("sts.amazonaws.com").thumbprintList(issuer.thumbprint()));
            String roleName = "wl-k8s-" + run;
            role(roleName, "ecs-tasks.amazonaws.com");
            Map<String, String> exports = workloadAdd("--role", roleName, "--service-account", "system:serviceaccount:team-a:app",
                    "--issuer", issuer.issuer());
            Path tokenFile = Files.createDirectories(Path.of("target/workload")).resolve("token-" + run).toAbsolutePath();
            Files.writeString(tokenFile, issuer.kubernetesToken("team-a", "app", List.of("sts.amazonaws.com")));
            Map<String, String> pod = new HashMap<>(exports);
            pod.put("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", tokenFile.toString());
            assertThat(lines(javaSdk(pod)).get("arn")).startsWith("arn:aws:sts::" + account + ":assumed-role/" + roleName + "/i-");
            // another service account's token of the same cluster is nobody's workload
            String other = issuer.kubernetesToken("team-a", "intruder", List.of("sts.amazonaws.com"));
            assertThat(send("GET", exports.get("AWS_CONTAINER_CREDENTIALS_FULL_URI"), Map.of("Authorization", other)).statusCode())
                    .isEqualTo(403);
        }
    }

    @Test
    void boto3sDefaultChainGetsRoleCredentialsFromBothEndpoints() throws Exception {
        RequiredClients.boto3();
        String ec2Role = "wl-py-ec2-" + run;
        role(ec2Role, "ec2.amazonaws.com");
        Map<String, String> imds = workloadAdd("--instance-profile", profile("wl-py-prof-" + run, ec2Role));
        Map<String, String> out = lines(boto3(imds));
        assertThat(out.get("method")).isEqualTo("iam-role");
        assertThat(out.get("arn")).matches("arn:aws:sts::" + account + ":assumed-role/" + ec2Role + "/i-[0-9a-f]{17}");

        String ecsRole = "wl-py-ecs-" + run;
        role(ecsRole, "ecs-tasks.amazonaws.com");
        out = lines(boto3(workloadAdd("--role", ecsRole)));
        assertThat(out.get("method")).isEqualTo("container-role");
        assertThat(out.get("arn")).matches("arn:aws:sts::" + account + ":assumed-role/" + ecsRole + "/i-[0-9a-f]{17}");
    }

    @Test
    void aRoleThatDoesNotTrustTheServiceAnUnknownWorkloadOrNoTokenGetsNothing() throws Exception {
        // an instance profile whose role trusts ECS tasks, not EC2: EC2's answer instead of credentials; the SDK finds none
        String ecsOnly = "wl-ecsonly-" + run;
        role(ecsOnly, "ecs-tasks.amazonaws.com");
        Map<String, String> imds = workloadAdd("--instance-profile", profile("wl-wrong-prof-" + run, ecsOnly));
        String endpoint = imds.get("AWS_EC2_METADATA_SERVICE_ENDPOINT");
        String token = send("PUT", endpoint + "/latest/api/token", Map.of(TTL, "60")).body();
        JsonNode refused = JSON.readTree(send("GET", endpoint + "/latest/meta-data/iam/security-credentials/" + ecsOnly,
                Map.of(TOKEN, token)).body());
        assertThat(refused.path("Code").asText()).isEqualTo("AssumeRoleUnauthorizedAccess");
        assertThat(refused.has("AccessKeyId")).isFalse();
        assertThat(javaSdkFails(imds)).contains("Unable to load credentials");

        // a role trusting EC2 only, bound as a container's role: ecs-tasks.amazonaws.com may not assume it
        String ec2Only = "wl-ec2only-" + run;
        String ec2OnlyArn = role(ec2Only, "ec2.amazonaws.com");
        Map<String, String> container = workloadAdd("--role", ec2Only);
        HttpResponse<String> denied = send("GET", container.get("AWS_CONTAINER_CREDENTIALS_FULL_URI"),
                Map.of("Authorization", container.get("AWS_CONTAINER_AUTHORIZATION_TOKEN")));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(denied.body()).path("Code").asText()).isEqualTo("AccessDenied");
        assertThat(javaSdkFails(container)).contains("Unable to load credentials");
        assertThat(trail(ec2OnlyArn, 1)).isNotEmpty().allSatisfy(record -> {
            assertThat(record.path("errorCode").asText()).isEqualTo("AccessDenied");
            assertThat(record.at("/userIdentity/invokedBy").asText()).isEqualTo("ecs-tasks.amazonaws.com");
            assertThat(record.has("responseElements")).isFalse();
        });

        // unknown workload, no token
        String uri = container.get("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        assertThat(send("GET", uri, Map.of("Authorization", "not-a-workload")).statusCode()).isEqualTo(403);
        assertThat(send("GET", uri, Map.of()).statusCode()).isEqualTo(401);

        // a role that is not there cannot be given to a workload
        assertThat(Workloads.iamLocal(false, "add", "--role", "wl-nothing-" + run)).contains("NoSuchEntity");
    }

    private static String role(String name, String service) {
        return Workloads.role(root, name, service);
    }

    private static String profile(String name, String roleName) {
        return Workloads.profile(root, name, roleName);
    }

    private static Map<String, String> workloadAdd(String... args) throws Exception {
        return Workloads.add(args).exports();
    }

    /** The child JVM's output (WorkloadSdkMain) with only {@code workload}'s environment; it must succeed. */
    private static String javaSdk(Map<String, String> workload) throws Exception {
        Workloads.Result result = Workloads.run(Workloads.java(WorkloadSdkMain.class), workload);
        assertThat(result.status()).as(result.output()).isZero();
        return result.output();
    }

    private static String javaSdkFails(Map<String, String> workload) throws Exception {
        Workloads.Result result = Workloads.run(Workloads.java(WorkloadSdkMain.class), workload);
        assertThat(result.status()).as(result.output()).isNotZero();
        return result.output();
    }

    private static String boto3(Map<String, String> workload) throws Exception {
        Workloads.Result result = Workloads.run(List.of(RequiredClients.PYTHON.toString(), AwsCliE2ETest.script("boto3_workload.py")),
                workload);
        assertThat(result.status()).as(result.output()).isZero();
        return result.output();
    }

    /** The trail's AssumeRole records of {@code roleArn} (LookupEvents by ResourceName), once at least {@code expected} records. */
    private static List<JsonNode> trail(String roleArn, int expected) throws Exception {
        return Workloads.trail("ResourceName", roleArn, records -> records.size() >= expected).stream()
                .filter(record -> record.path("eventName").asText().equals("AssumeRole")).toList();
    }
}
