package dev.openiam.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.openiam.e2e.Workloads.JSON;
import static dev.openiam.e2e.Workloads.TOKEN;
import static dev.openiam.e2e.Workloads.TTL;
import static dev.openiam.e2e.Workloads.send;
import static dev.openiam.e2e.Workloads.signed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Listing and removing workloads ({@code iam-local workload list|remove}, {@code GET}/{@code DELETE /v1/workloads}):
 * a removed workload's endpoints stop serving at once, the others go on; bad input is a ValidationError that changes
 * nothing; each call needs its action ({@code sts:ListWorkloads}, {@code sts:DeregisterWorkload}) and is in the trail.
 */
@ExtendWith(LocalSystem.class)
class WorkloadRegistrationE2ETest {

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
    void aRemovedWorkloadsEndpointsServeNothingFromTheNextRequestOnAndTheOthersGoOn() throws Exception {
        String ec2Role = "wl-rm-ec2-" + run;
        Workloads.role(root, ec2Role, "ec2.amazonaws.com");
        Workloads.Added imds = Workloads.add("--instance-profile", Workloads.profile(root, "wl-rm-prof-" + run, ec2Role));
        String ecsRole = "wl-rm-ecs-" + run;
        Workloads.role(root, ecsRole, "ecs-tasks.amazonaws.com");
        Workloads.Added container = Workloads.add("--role", ecsRole);
        String endpoint = imds.exports().get("AWS_EC2_METADATA_SERVICE_ENDPOINT");
        String secret = endpoint.substring(endpoint.lastIndexOf('/') + 1);
        String token = send("PUT", endpoint + "/latest/api/token", Map.of(TTL, "300")).body();
        assertThat(imdsCredentials(endpoint, ec2Role, token).statusCode()).isEqualTo(200);
        assertThat(containerCredentials(container).statusCode()).isEqualTo(200);

        // listed: one line each, what it is bound to, never its secret
        String listing = Workloads.iamLocal(true, "list");
        assertThat(listing).startsWith("WORKLOAD").doesNotContain(secret)
                .doesNotContain(container.exports().get("AWS_CONTAINER_AUTHORIZATION_TOKEN"));
        assertThat(line(listing, imds.id())).contains("instance-profile/wl-rm-prof-" + run).contains("ec2.amazonaws.com")
                .contains("arn:aws:iam::" + account + ":root");
        assertThat(line(listing, container.id())).contains("role/" + ecsRole).contains("ecs-tasks.amazonaws.com");

        assertThat(Workloads.iamLocal(true, "remove", imds.id())).startsWith("removed " + imds.id());
        // at once: the IMDS token it holds reads nothing, no new token, the secret finds nothing; the other still serves
        assertThat(imdsCredentials(endpoint, ec2Role, token).statusCode()).isEqualTo(404);
        assertThat(send("PUT", endpoint + "/latest/api/token", Map.of(TTL, "300")).statusCode()).isEqualTo(404);
        assertThat(containerCredentials(container).statusCode()).isEqualTo(200);

        Workloads.iamLocal(true, "remove", container.id());
        assertThat(containerCredentials(container).statusCode()).isEqualTo(403);
        String after = Workloads.iamLocal(true, "list");
        assertThat(after).doesNotContain(imds.id()).doesNotContain(container.id());
        // removing again: nothing to remove
        assertThat(Workloads.iamLocal(false, "remove", imds.id())).contains("NoSuchEntity")
                .contains("The workload with id " + imds.id() + " cannot be found.");

        // both removals are in the trail, by the root, naming the workload
        List<JsonNode> records = Workloads.trail("EventName", "DeregisterWorkload", found -> removals(found, imds.id()).size() >= 2);
        assertThat(removals(records, imds.id())).allSatisfy(record -> {
            assertThat(record.path("eventSource").asText()).isEqualTo("sts.amazonaws.com");
            assertThat(record.at("/userIdentity/arn").asText()).isEqualTo("arn:aws:iam::" + account + ":root");
            assertThat(record.path("readOnly").asBoolean(true)).isFalse();
        }).anySatisfy(record -> assertThat(record.has("errorCode")).isFalse())
                .anySatisfy(record -> assertThat(record.path("errorCode").asText()).isEqualTo("NoSuchEntity"));
    }

    @Test
    void badInputIsAValidationErrorAndRemovesNothing() throws Exception {
        String ecsRole = "wl-bad-" + run;
        Workloads.role(root, ecsRole, "ecs-tasks.amazonaws.com");
        Workloads.Added container = Workloads.add("--role", ecsRole);
        LocalSystem system = LocalSystem.get();
        for (String path : List.of("/v1/workloads/not-an-id", "/v1/workloads/i-0123", "/v1/workloads/I-0123456789ABCDEF0",
                "/v1/workloads/" + container.id() + "0")) {
            assertError(signed("DELETE", path, system.accessKeyId(), system.secretAccessKey()), 400, "ValidationError");
        }
        for (String query : List.of("maxItems=0", "maxItems=1001", "maxItems=abc", "maxItems=-1", "marker=%25%25")) {
            assertError(signed("GET", "/v1/workloads?" + query, system.accessKeyId(), system.secretAccessKey()), 400, "ValidationError");
        }
        // iam-local refuses what is not a workload id before asking
        assertThat(Workloads.iamLocal(false, "remove", "not-an-id")).contains("not a workload id");
        // unsigned: refused before anything is read
        assertThat(send("GET", system.stsEndpoint() + "/v1/workloads", Map.of()).statusCode()).isEqualTo(403);
        assertThat(send("DELETE", system.stsEndpoint() + "/v1/workloads/" + container.id(), Map.of()).statusCode()).isEqualTo(403);

        assertThat(containerCredentials(container).statusCode()).isEqualTo(200);
        assertThat(Workloads.iamLocal(true, "list")).contains(container.id());
    }

    @Test
    void pagesOfOneWorkloadEachListThemAll() throws Exception {
        String ecsRole = "wl-page-" + run;
        Workloads.role(root, ecsRole, "ecs-tasks.amazonaws.com");
        List<String> mine = List.of(Workloads.add("--role", ecsRole).id(), Workloads.add("--role", ecsRole).id());
        LocalSystem system = LocalSystem.get();
        List<String> listed = new ArrayList<>();
        String marker = null;
        do {
            HttpResponse<String> answer = signed("GET", "/v1/workloads?maxItems=1" + (marker == null ? "" : "&marker=" + marker),
                    system.accessKeyId(), system.secretAccessKey());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode page = JSON.readTree(answer.body());
            assertThat(page.path("workloads")).hasSize(1);
            listed.add(page.path("workloads").get(0).path("workloadId").asText());
            marker = page.path("isTruncated").asBoolean() ? page.path("marker").asText() : null;
        } while (marker != null);
        assertThat(listed).doesNotHaveDuplicates().isSorted().containsAll(mine);
    }

    @Test
    void listingAndRemovingNeedTheirActions() throws Exception {
        String ecsRole = "wl-authz-" + run;
        Workloads.role(root, ecsRole, "ecs-tasks.amazonaws.com");
        Workloads.Added container = Workloads.add("--role", ecsRole);
        String user = "wl-admin-" + run;
        root.createUser(b -> b.userName(user));
        AccessKey key = root.createAccessKey(b -> b.userName(user)).accessKey();

        // no policy: denied, nothing removed
        assertError(signed("GET", "/v1/workloads", key.accessKeyId(), key.secretAccessKey()), 403, "AccessDenied");
        assertError(signed("DELETE", "/v1/workloads/" + container.id(), key.accessKeyId(), key.secretAccessKey()), 403, "AccessDenied");
        assertThat(containerCredentials(container).statusCode()).isEqualTo(200);

        // sts:ListWorkloads lists, and still does not remove
        allow(user, "list", "sts:ListWorkloads");
        HttpResponse<String> listed = signed("GET", "/v1/workloads?maxItems=1000", key.accessKeyId(), key.secretAccessKey());
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).contains(container.id());
        assertError(signed("DELETE", "/v1/workloads/" + container.id(), key.accessKeyId(), key.secretAccessKey()), 403, "AccessDenied");

        // sts:DeregisterWorkload removes
        allow(user, "remove", "sts:DeregisterWorkload");
        HttpResponse<String> removed = signed("DELETE", "/v1/workloads/" + container.id(), key.accessKeyId(), key.secretAccessKey());
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(JSON.readTree(removed.body()).path("workloadId").asText()).isEqualTo(container.id());
        assertThat(JSON.readTree(removed.body()).path("roleName").asText()).isEqualTo(ecsRole);
        assertThat(containerCredentials(container).statusCode()).isEqualTo(403);
    }

    private static void allow(String user, String name, String action) {
        root.putUserPolicy(b -> b.userName(user).policyName(name).policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"*\"}]}"));
    }

    private static void assertError(HttpResponse<String> answer, int status, String code) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(JSON.readTree(answer.body()).path("code").asText()).isEqualTo(code);
    }

    private static HttpResponse<String> imdsCredentials(String endpoint, String role, String token) throws Exception {
        return send("GET", endpoint + "/latest/meta-data/iam/security-credentials/" + role, Map.of(TOKEN, token));
    }

    private static HttpResponse<String> containerCredentials(Workloads.Added container) throws Exception {
        return send("GET", container.exports().get("AWS_CONTAINER_CREDENTIALS_FULL_URI"),
                Map.of("Authorization", container.exports().get("AWS_CONTAINER_AUTHORIZATION_TOKEN")));
    }

    private static String line(String listing, String workloadId) {
        return listing.lines().filter(line -> line.startsWith(workloadId)).findFirst()
                .orElseThrow(() -> new AssertionError(workloadId + " is not listed:\n" + listing));
    }

    private static List<JsonNode> removals(List<JsonNode> records, String workloadId) {
        return records.stream().filter(record -> workloadId.equals(record.at("/requestParameters/workloadId").asText())).toList();
    }
}
