package dev.openiam.sts.workload;

import dev.openiam.model.audit.AuditCodec;
import dev.openiam.model.audit.AuditRecord;
import dev.openiam.sts.StsAuditTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

/**
 * The metadata endpoints as far as this module can take them without its peers (the credentials themselves, which need
 * identity-service and policy-service, are e2e's WorkloadCredentialsE2ETest): the IMDSv2 token rules, who is told
 * apart from whom, the container endpoint's refusals, registration only when signed — and every fetch recorded, a
 * failed one too (the peers are down here: fail closed, 503).
 */
@QuarkusTest
class WorkloadMetadataTest {

    private static final String ACCOUNT = "444455556666";

    @Inject
    WorkloadRepository repository;

    @Test
    void anImdsTokenNeedsATtlWithinEc2sBounds() {
        String base = workload("web");
        for (String bad : new String[] {null, "", "0", "21601", "-5", "abc", "1.5", "99999999999"}) {
            var request = RestAssured.given();
            if (bad != null) {
                request = request.header(InstanceMetadataResource.TTL_HEADER, bad);
            }
            request.put(base + "/latest/api/token").then().statusCode(400).body("Code", equalTo("ValidationError"));
        }
        RestAssured.given().header(InstanceMetadataResource.TTL_HEADER, "21600").put(base + "/latest/api/token").then()
                .statusCode(200).header(InstanceMetadataResource.TTL_HEADER, "21600").body(not(emptyOrNullString()));
        RestAssured.given().header(InstanceMetadataResource.TTL_HEADER, "1").put(base + "/latest/api/token").then().statusCode(200);
    }

    @Test
    void everyReadNeedsATokenOfThisWorkload() {
        String mine = workload("mine");
        String other = workload("other");
        String token = token(mine);
        String otherToken = token(other);
        for (String path : List.of("/latest/meta-data/iam/security-credentials/", "/latest/meta-data/iam/security-credentials/mine",
                "/latest/meta-data/iam/info")) {
            RestAssured.given().get(mine + path).then().statusCode(401);
            RestAssured.given().header(InstanceMetadataResource.TOKEN_HEADER, "not-a-token").get(mine + path).then().statusCode(401);
            RestAssured.given().header(InstanceMetadataResource.TOKEN_HEADER, otherToken).get(mine + path).then().statusCode(401);
        }
        // with its token the read gets as far as the peers, which do not run here: fail closed
        RestAssured.given().header(InstanceMetadataResource.TOKEN_HEADER, token).get(mine + "/latest/meta-data/iam/info").then()
                .statusCode(503).body("Code", equalTo("ServiceUnavailable"));
    }

    @Test
    void anUnknownSecretFindsNothing() {
        String nobody = "/workloads/" + UUID.randomUUID();
        RestAssured.given().header(InstanceMetadataResource.TTL_HEADER, "60").put(nobody + "/latest/api/token").then().statusCode(404);
        RestAssured.given().get(nobody + "/latest/meta-data/iam/security-credentials/").then().statusCode(404);
    }

    @Test
    void theContainerEndpointRefusesAMissingOrUnknownToken() {
        RestAssured.given().get(ContainerCredentialsResource.PATH).then().statusCode(401)
                .body("Code", equalTo("MissingAuthorizationToken"));
        RestAssured.given().header("Authorization", "nobody's-secret").get(ContainerCredentialsResource.PATH).then().statusCode(403)
                .body("Code", equalTo("AccessDenied"));
        // a JWT that is nobody's service account token
        RestAssured.given().header("Authorization", "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL3gifQ.c2ln")
                .get(ContainerCredentialsResource.PATH).then().statusCode(403);
    }

    @Test
    void aFetchTheServiceCannotAnswerIsRecordedAsAFailedAssumeRoleByTheService() {
        String secret = "secret-" + UUID.randomUUID();
        Workload workload = insert(Workload.Kind.ROLE, "app-role", secret);
        RestAssured.given().header("Authorization", secret).get(ContainerCredentialsResource.PATH).then().statusCode(503);

        List<AuditRecord> records = StsAuditTest.records(record -> record.requestParameters() != null
                && workload.workloadId().equals(record.requestParameters().path("roleSessionName").asText()), 1);
        assertThat(records).hasSize(1);
        AuditRecord record = records.get(0);
        assertThat(record.eventName()).isEqualTo("AssumeRole");
        assertThat(record.eventSource()).isEqualTo("sts.amazonaws.com");
        assertThat(record.userIdentity().type()).isEqualTo("AWSService");
        assertThat(record.userIdentity().invokedBy()).isEqualTo("ecs-tasks.amazonaws.com");
        assertThat(record.sourceIPAddress()).isEqualTo("ecs-tasks.amazonaws.com");
        assertThat(record.recipientAccountId()).isEqualTo(ACCOUNT);
        assertThat(record.errorCode()).isEqualTo("ServiceUnavailable");
        assertThat(AuditCodec.toJson(record)).doesNotContain(secret);
    }

    @Test
    void registeringNeedsASignedRequest() {
        RestAssured.given().contentType("application/json").body("{\"roleName\":\"app\"}").post("/v1/workloads").then()
                .statusCode(403).body("code", equalTo("MissingAuthenticationToken"));
    }

    @Test
    void listingAndDeregisteringNeedASignedRequest() {
        RestAssured.given().get("/v1/workloads").then().statusCode(403).body("code", equalTo("MissingAuthenticationToken"));
        RestAssured.given().delete("/v1/workloads/i-0123456789abcdef0").then().statusCode(403)
                .body("code", equalTo("MissingAuthenticationToken"));
    }

    @Test
    void aDeletedWorkloadIsServedNothingFromTheNextRequestOn() {
        String secret = "secret-" + UUID.randomUUID();
        Workload workload = insert(Workload.Kind.INSTANCE_PROFILE, "gone", secret);
        String base = "/workloads/" + secret;
        String token = token(base);
        Workload container = insert(Workload.Kind.ROLE, "gone-role", secret + "-container");

        // another account's delete finds nothing and leaves it
        assertThat(repository.delete("111122223333", workload.workloadId()).await().indefinitely()).isNull();
        RestAssured.given().header(InstanceMetadataResource.TOKEN_HEADER, token).get(base + "/latest/meta-data/iam/info").then()
                .statusCode(503);

        assertThat(repository.delete(ACCOUNT, workload.workloadId()).await().indefinitely()).isEqualTo(workload);
        assertThat(repository.delete(ACCOUNT, container.workloadId()).await().indefinitely()).isEqualTo(container);
        RestAssured.given().header(InstanceMetadataResource.TOKEN_HEADER, token).get(base + "/latest/meta-data/iam/info").then()
                .statusCode(404);
        RestAssured.given().header(InstanceMetadataResource.TTL_HEADER, "60").put(base + "/latest/api/token").then().statusCode(404);
        RestAssured.given().header("Authorization", secret + "-container").get(ContainerCredentialsResource.PATH).then().statusCode(403);
        assertThat(repository.delete(ACCOUNT, workload.workloadId()).await().indefinitely()).isNull();
    }

    @Test
    void anAccountsWorkloadsAreListedInIdOrderAfterTheMarker() {
        String account = String.format("7777%08d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000));
        List<Workload> mine = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(insert(account, Workload.Kind.ROLE, "listed-" + i, "secret-" + UUID.randomUUID()));
        }
        insert(Workload.Kind.ROLE, "someone-elses", "secret-" + UUID.randomUUID());
        List<String> ids = mine.stream().map(Workload::workloadId).sorted().toList();
        assertThat(repository.list(account, "", 10).await().indefinitely()).extracting(Workload::workloadId).isEqualTo(ids);
        assertThat(repository.list(account, "", 2).await().indefinitely()).extracting(Workload::workloadId).isEqualTo(ids.subList(0, 2));
        assertThat(repository.list(account, ids.get(0), 10).await().indefinitely()).extracting(Workload::workloadId)
                .isEqualTo(ids.subList(1, 3));
    }

    /** A workload bound to instance profile {@code profile}: its metadata path. */
    private String workload(String profile) {
        String secret = "secret-" + UUID.randomUUID();
        insert(Workload.Kind.INSTANCE_PROFILE, profile, secret);
        return "/workloads/" + secret;
    }

    private Workload insert(Workload.Kind kind, String target, String secret) {
        return insert(ACCOUNT, kind, target, secret);
    }

    private Workload insert(String account, Workload.Kind kind, String target, String secret) {
        Workload workload = new Workload("i-" + UUID.randomUUID().toString().replace("-", "").substring(0, 17), account, kind,
                target, null, null, "arn:aws:iam::" + ACCOUNT + ":root", Instant.now().truncatedTo(ChronoUnit.SECONDS));
        repository.insert(workload, WorkloadRegistry.sha256(secret)).await().indefinitely();
        return workload;
    }

    private static String token(String base) {
        return RestAssured.given().header(InstanceMetadataResource.TTL_HEADER, "300").put(base + "/latest/api/token").then()
                .statusCode(200).extract().asString();
    }
}
