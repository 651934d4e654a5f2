import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.TrustedKeys;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceKey;
import dev.openiam.internalauth.TokenIssuer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Propagation: the time from an acknowledged write (attach / detach of a policy, through policy-service's
 * IAM endpoint) to the first decision, asked WITHOUT a consistency token, that reflects it. Alternates
 * attach and detach CHANGES times and prints p50/p99/max. Every request carries its own token of
 * identity-service (signed with KEY_FILE, its private key), as the front door sends them.
 *
 * java -cp … Propagation.java KEY_FILE ACCOUNT POLICY_ENDPOINT USER POLICY_ARN CHANGES
 */
public class Propagation {

    public static void main(String[] args) throws Exception {
        TokenIssuer identity = new TokenIssuer(ServiceKey.read("identity-service", Path.of(args[0])),
                TrustedKeys.fromDirectory(Path.of(args[0]).toAbsolutePath().getParent()));
        String account = args[1];
        URI endpoint = URI.create(args[2]);
        String user = args[3];
        String policyArn = args[4];
        int changes = Integer.parseInt(args[5]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CallerClaims root = new CallerClaims("arn:aws:iam::" + account + ":root", account, account, "bench", true);
        String question = "{\"principal\":\"arn:aws:iam::" + account + ":user/" + user
                + "\",\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::propagation/" + user + "/k\"}";
        long[] nanos = new long[changes];
        for (int i = 0; i < changes; i++) {
            boolean attach = i % 2 == 0;
            String action = attach ? "AttachUserPolicy" : "DetachUserPolicy";
            String write = "{\"action\":\"" + action + "\",\"params\":{\"Action\":\"" + action + "\",\"Version\":\"2010-05-08\","
                    + "\"UserName\":\"" + user + "\",\"PolicyArn\":\"" + policyArn + "\"},\"requestId\":\"p" + i + "\"}";
            String forward = identity.issue("policy-service", Purpose.FORWARD, "POST", "/internal/v1/iam",
                    write.getBytes(StandardCharsets.UTF_8), root, "iam:" + action);
            HttpResponse<String> written = http.send(post(endpoint.resolve("/internal/v1/iam"), forward, write),
                    HttpResponse.BodyHandlers.ofString());
            long acknowledged = System.nanoTime();
            if (written.statusCode() != 200) {
                throw new IllegalStateException(action + " failed: " + written.body());
            }
            String expected = attach ? "\"Allow\"" : "\"ImplicitDeny\"";
            while (true) {
                String decide = identity.issue("policy-service", Purpose.DECIDE, "POST", "/v1/authorize",
                        question.getBytes(StandardCharsets.UTF_8), null, null);
                String answer = http.send(post(endpoint.resolve("/v1/authorize"), decide, question), HttpResponse.BodyHandlers.ofString()).body();
                if (answer.contains(expected)) {
                    nanos[i] = System.nanoTime() - acknowledged;
                    break;
                }
                if (System.nanoTime() - acknowledged > 10_000_000_000L) {
                    throw new IllegalStateException("change " + i + " did not propagate in 10 s: " + answer);
                }
            }
        }
        Arrays.sort(nanos);
        System.out.printf("propagation over %d changes: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", changes,
                nanos[changes / 2] / 1e6, nanos[(int) Math.ceil(changes * 0.99) - 1] / 1e6, nanos[changes - 1] / 1e6);
    }

    private static HttpRequest post(URI uri, String token, String json) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }
}
