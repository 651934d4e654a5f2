package dev.openiam.local;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class WorkloadExportsTest {

    @Test
    void anInstanceProfilesWorkloadGetsItsMetadataEndpoint() throws Exception {
        String out = run("{\"workloadId\":\"i-0123456789abcdef0\",\"instanceProfileName\":\"web\",\"roleArn\":\"arn:aws:iam::123456789012:role/web\","
                + "\"servicePrincipal\":\"ec2.amazonaws.com\",\"secret\":\"s3cr3t\",\"metadataPath\":\"/workloads/s3cr3t\","
                + "\"containerCredentialsPath\":\"/v1/workload-credentials\"}", 0);
        assertThat(out).contains("export AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:8083/workloads/s3cr3t\n")
                .contains("export AWS_METADATA_SERVICE_TIMEOUT=5\n")
                .contains("export AWS_ENDPOINT_URL_STS=http://127.0.0.1:8083\n").contains("export AWS_REGION=us-east-1\n")
                .contains("unset AWS_ACCESS_KEY_ID").doesNotContain("AWS_CONTAINER");
    }

    @Test
    void aRolesWorkloadGetsTheContainerEndpointAndItsToken() throws Exception {
        String out = run("{\"workloadId\":\"i-0123456789abcdef0\",\"roleName\":\"app\",\"roleArn\":\"arn:aws:iam::123456789012:role/app\","
                + "\"servicePrincipal\":\"ecs-tasks.amazonaws.com\",\"secret\":\"s3cr3t\",\"metadataPath\":\"/workloads/s3cr3t\","
                + "\"containerCredentialsPath\":\"/v1/workload-credentials\"}", 0);
        assertThat(out).contains("export AWS_CONTAINER_CREDENTIALS_FULL_URI=http://127.0.0.1:8083/v1/workload-credentials\n")
                .contains("export AWS_CONTAINER_AUTHORIZATION_TOKEN=s3cr3t\n").doesNotContain("AWS_EC2_METADATA");
    }

    @Test
    void anErrorAnswerIsReportedAndPrintsNothing() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = WorkloadExports.print(new ByteArrayInputStream("{\"code\":\"NoSuchEntity\",\"detail\":\"no instance profile web\"}"
                .getBytes(StandardCharsets.UTF_8)), "http://127.0.0.1:8083", "us-east-1", new PrintStream(out), new PrintStream(err));
        assertThat(status).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("NoSuchEntity: no instance profile web");
    }

    private static String run(String answer, int expected) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = WorkloadExports.print(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)), "http://127.0.0.1:8083/",
                "us-east-1", new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(status).isEqualTo(expected);
        return out.toString(StandardCharsets.UTF_8);
    }
}
