package dev.openiam.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For {@code iam-local workload list} and {@code workload remove}: sts-service's answers (read from standard input) as
 * lines, one a workload — its id, what it is bound to and by which service principal, who registered it when.
 *
 * <pre>
 * WorkloadListing list NEXT_MARKER_FILE [--header]   &lt; page.json     (GET /v1/workloads)
 * WorkloadListing removed                           &lt; answer.json   (DELETE /v1/workloads/ID)
 * </pre>
 *
 * {@code list} writes the marker of the next page to {@code NEXT_MARKER_FILE} (empty: the last page). Exit status: 0
 * printed, 1 the answer is an error or not what was expected (its message on standard error), 64 bad usage.
 */
public final class WorkloadListing {

    static final String FORMAT = "%-19s  %-40s  %-23s  %-20s  %s%n";

    private WorkloadListing() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 2 && args.length <= 3 && args[0].equals("list") && (args.length == 2 || args[2].equals("--header"))) {
            System.exit(list(System.in, Path.of(args[1]), args.length == 3, System.out, System.err));
        }
        if (args.length == 1 && args[0].equals("removed")) {
            System.exit(removed(System.in, System.out, System.err));
        }
        System.err.println("usage: WorkloadListing list NEXT_MARKER_FILE [--header] < page.json | removed < answer.json");
        System.exit(64);
    }

    static int list(InputStream answer, Path nextMarker, boolean header, PrintStream out, PrintStream err) throws IOException {
        JsonNode page = WorkloadExports.answer(answer, "workloads", "the workloads could not be listed", err);
        if (page == null) {
            return 1;
        }
        if (header) {
            out.printf(FORMAT, "WORKLOAD", "BOUND TO", "ASSUMED BY", "CREATED", "CREATED BY");
        }
        page.path("workloads").forEach(workload -> line(workload, out));
        Files.writeString(nextMarker, page.path("isTruncated").asBoolean() ? page.path("marker").asText("") : "",
                StandardCharsets.UTF_8);
        return 0;
    }

    static int removed(InputStream answer, PrintStream out, PrintStream err) {
        JsonNode workload = WorkloadExports.answer(answer, "workloadId", "the workload was not removed", err);
        if (workload == null) {
            return 1;
        }
        out.print("removed ");
        line(workload, out);
        return 0;
    }

    private static void line(JsonNode workload, PrintStream out) {
        String bound = workload.hasNonNull("instanceProfileName") ? "instance-profile/" + workload.get("instanceProfileName").asText()
                : "role/" + workload.path("roleName").asText();
        if (workload.hasNonNull("serviceAccount")) {
            bound += " (" + workload.get("serviceAccount").asText() + " of " + workload.path("issuer").asText() + ")";
        }
        out.printf(FORMAT, workload.path("workloadId").asText(), bound, workload.path("servicePrincipal").asText(),
                workload.path("createdAt").asText(), workload.path("createdBy").asText());
    }
}
