package dev.openiam.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class WorkloadListingTest {

    private static final String EC2 = "{\"workloadId\":\"i-0123456789abcdef0\",\"accountId\":\"123456789012\",\"instanceProfileName\":\"web\","
            + "\"servicePrincipal\":\"ec2.amazonaws.com\",\"createdBy\":\"arn:aws:iam::123456789012:root\",\"createdAt\":\"2026-12-06T12:00:00Z\"}";
    private static final String K8S = "{\"workloadId\":\"i-0123456789abcdef1\",\"accountId\":\"123456789012\",\"roleName\":\"app\","
            + "\"servicePrincipal\":\"ecs-tasks.amazonaws.com\",\"serviceAccount\":\"system:serviceaccount:team-a:app\","
            + "\"issuer\":\"https://oidc.example.com\",\"createdBy\":\"arn:aws:iam::123456789012:root\",\"createdAt\":\"2026-12-06T12:01:00Z\"}";

    @TempDir
    Path dir;

    @Test
    void aPageIsOneLineAWorkloadAndLeavesTheNextMarker() throws Exception {
        Path next = dir.resolve("next");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = WorkloadListing.list(in("{\"workloads\":[" + EC2 + "," + K8S + "],\"isTruncated\":true,\"marker\":\"aS0w\"}"), next,
                true, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(status).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("WORKLOAD").contains("BOUND TO");
        assertThat(lines[1]).startsWith("i-0123456789abcdef0").contains("instance-profile/web").contains("ec2.amazonaws.com")
                .contains("2026-12-06T12:00:00Z").endsWith("arn:aws:iam::123456789012:root");
        assertThat(lines[2]).contains("role/app (system:serviceaccount:team-a:app of https://oidc.example.com)")
                .contains("ecs-tasks.amazonaws.com");
        assertThat(Files.readString(next)).isEqualTo("aS0w");
    }

    @Test
    void theLastPageLeavesNoMarker() throws Exception {
        Path next = dir.resolve("next");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(WorkloadListing.list(in("{\"workloads\":[],\"isTruncated\":false}"), next, false, new PrintStream(out), System.err))
                .isZero();
        assertThat(out.toString()).isEmpty();
        assertThat(Files.readString(next)).isEmpty();
    }

    @Test
    void aRemovedWorkloadIsNamedAndAnErrorIsReported() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(WorkloadListing.removed(in(EC2), new PrintStream(out, true, StandardCharsets.UTF_8), System.err)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("removed i-0123456789abcdef0").contains("instance-profile/web");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        out.reset();
        assertThat(WorkloadListing.removed(in("{\"code\":\"NoSuchEntity\",\"detail\":\"The workload with id i-0123456789abcdef0 "
                + "cannot be found.\"}"), new PrintStream(out), new PrintStream(err))).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("the workload was not removed: NoSuchEntity: The workload with id i-0123456789abcdef0");
    }

    private static ByteArrayInputStream in(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
