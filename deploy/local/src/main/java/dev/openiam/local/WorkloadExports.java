package dev.openiam.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * For {@code iam-local workload add}: turns sts-service's answer to {@code POST /v1/workloads} (read from standard
 * input) into the {@code export AWS_…=…} lines a workload runs with, so that an unchanged SDK's default credential
 * chain finds its role's credentials — the IMDS endpoint of the workload for an instance profile, the container
 * credentials endpoint and its token for a role.
 *
 * <pre>
 * WorkloadExports STS_ENDPOINT REGION   &lt; answer.json
 * </pre>
 *
 * Exit status: 0 printed, 1 the answer is an error or not what was expected (its message on standard error), 64 bad usage.
 */
public final class WorkloadExports {

    /** The SDKs' {@code AWS_METADATA_SERVICE_TIMEOUT} (seconds per request to the metadata service) for a workload. */
    static final int METADATA_TIMEOUT_SECONDS = 5;

    private WorkloadExports() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: WorkloadExports STS_ENDPOINT REGION < answer.json");
            System.exit(64);
        }
        System.exit(print(System.in, args[0], args[1], System.out, System.err));
    }

    static int print(InputStream answer, String stsEndpoint, String region, PrintStream out, PrintStream err) throws IOException {
        JsonNode json = answer(answer, "workloadId", "the workload was not registered", err);
        if (json == null) {
            return 1;
        }
        List<String> lines = exports(json, stsEndpoint, region);
        out.println("# workload " + json.path("workloadId").asText() + " (" + json.path("roleArn").asText() + ", assumed by "
                + json.path("servicePrincipal").asText() + "); keep these secret: they are the workload's credential");
        out.println("unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE");
        lines.forEach(line -> out.println("export " + line));
        return 0;
    }

    /**
     * sts-service's answer, when it is JSON with {@code field} (what a success has); otherwise {@code null}, having told
     * {@code err} "iam-local: {@code failed}: CODE: DETAIL" from the problem document it is.
     */
    static JsonNode answer(InputStream answer, String field, String failed, PrintStream err) {
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(answer);
        } catch (IOException e) {
            err.println("iam-local: sts-service's answer is not JSON");
            return null;
        }
        if (json == null || !json.hasNonNull(field)) {
            String code = json == null ? "" : json.path("code").asText("");
            String detail = json == null ? "" : json.path("detail").asText("");
            err.println("iam-local: " + failed + ": " + (code.isEmpty() ? "no answer" : code + ": " + detail));
            return null;
        }
        return json;
    }

    static List<String> exports(JsonNode answer, String stsEndpoint, String region) {
        String base = stsEndpoint.endsWith("/") ? stsEndpoint.substring(0, stsEndpoint.length() - 1) : stsEndpoint;
        List<String> lines = new ArrayList<>();
        if (answer.hasNonNull("instanceProfileName") && answer.hasNonNull("metadataPath")) {
            lines.add("AWS_EC2_METADATA_SERVICE_ENDPOINT=" + base + answer.get("metadataPath").asText());
            // the SDKs give the metadata service 1 s per request by default, as EC2's answers from memory; this one
            // issues the role's session when asked, which a service that has just started may take longer to do
            lines.add("AWS_METADATA_SERVICE_TIMEOUT=" + METADATA_TIMEOUT_SECONDS);
        } else if (answer.hasNonNull("secret")) {
            lines.add("AWS_CONTAINER_CREDENTIALS_FULL_URI=" + base + answer.get("containerCredentialsPath").asText());
            lines.add("AWS_CONTAINER_AUTHORIZATION_TOKEN=" + answer.get("secret").asText());
        } else {
            // a Kubernetes service account's workload: its pod reads its projected token from a file
            lines.add("AWS_CONTAINER_CREDENTIALS_FULL_URI=" + base + answer.get("containerCredentialsPath").asText());
            lines.add("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=/var/run/secrets/kubernetes.io/serviceaccount/token");
        }
        lines.add("AWS_ENDPOINT_URL_STS=" + base);
        lines.add("AWS_REGION=" + region);
        return lines;
    }
}
