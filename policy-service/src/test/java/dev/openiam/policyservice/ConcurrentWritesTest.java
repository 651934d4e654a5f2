package dev.openiam.policyservice;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.openiam.policyservice.Iam.doc;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes of one account are serialized by its revision row: racing CreatePolicyVersion calls cannot exceed
 * five versions, and the account's revisions stay gap-free (one per successful write).
 */
@QuarkusTest
class ConcurrentWritesTest {

    @Test
    void racingVersionsStopAtFiveAndRevisionsStayGapFree() throws Exception {
        Iam iam = Iam.freshAccount();
        String arn = iam.arn("policy/Raced");
        iam.ok("CreatePolicy", "PolicyName", "Raced", "PolicyDocument", doc("s3:*"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Response>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                String action = "s3:Get" + i;
                calls.add(pool.submit(() -> iam.call("CreatePolicyVersion", "PolicyArn", arn, "PolicyDocument", doc(action))));
            }
            int ok = 0;
            int limited = 0;
            for (Future<Response> call : calls) {
                Response response = call.get();
                if (response.statusCode() == 200) {
                    ok++;
                } else {
                    assertThat(response.statusCode()).as(response.asString()).isEqualTo(409);
                    assertThat(response.asString()).contains("<Code>LimitExceeded</Code>");
                    limited++;
                }
            }
            assertThat(ok).isEqualTo(4);
            assertThat(limited).isEqualTo(8);
        } finally {
            pool.shutdownNow();
        }
        assertThat(iam.ok("ListPolicyVersions", "PolicyArn", arn).getList("Versions.member.VersionId"))
                .containsExactly("v5", "v4", "v3", "v2", "v1");
        assertThat(iam.revision()).isEqualTo(5);
    }
}
