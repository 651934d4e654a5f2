package dev.openiam.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** policy-service's decision API, as users' own services call it. */
@ExtendWith(LocalSystem.class)
class DecisionApiE2ETest {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    final String run = UUID.randomUUID().toString().substring(0, 8);

    static HttpResponse<String> post(String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(LocalSystem.get().policyEndpoint() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** As the front door asks: a decide token of identity-service for this one call. */
    static HttpResponse<String> asFrontDoor(String path, String json) throws Exception {
        return post(path, FrontDoorTokens.decide(path, json), json);
    }

    @Test
    void answersWithTheDecisionAndTheStatementsThatDecidedIt() throws Exception {
        LocalSystem system = LocalSystem.get();
        String user = "asker-" + run;
        String userArn = "arn:aws:iam::" + system.accountId() + ":user/" + user;
        try (IamClient root = Clients.root()) {
            root.createUser(b -> b.userName(user));
            root.putUserPolicy(b -> b.userName(user).policyName("s3read").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                    + "[{\"Sid\":\"Read\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/${aws:username}/*\"}]}"));
        }
        String allowed = "{\"principal\":\"" + userArn + "\",\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::bucket/" + user + "/a\"}";
        HttpResponse<String> answer = asFrontDoor("/v1/authorize", allowed);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"decision\":\"Allow\"").contains("inline/s3read:Read");

        String other = "{\"principal\":\"" + userArn + "\",\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::bucket/someone/a\"}";
        HttpResponse<String> batch = asFrontDoor("/v1/authorize:batch", "{\"requests\":[" + allowed + "," + other + "]}");
        assertThat(batch.statusCode()).isEqualTo(200);
        assertThat(batch.body()).matches("(?s).*\"Allow\".*\"ImplicitDeny\".*")
                .contains("because no identity-based policy allows the s3:GetObject action");
    }

    @Test
    void refusesCallersWithoutAServiceTokenAndNeverDecidesOnStateOlderThanAsked() throws Exception {
        LocalSystem system = LocalSystem.get();
        String question = "{\"principal\":\"arn:aws:iam::" + system.accountId() + ":user/nobody\",\"action\":\"s3:GetObject\","
                + "\"resource\":\"*\",\"atLeastRevision\":{\"identity\":999999999}}";
        assertThat(post("/v1/authorize", null, question).statusCode()).isEqualTo(403);
        assertThat(post("/v1/authorize", "not-a-token", question).statusCode()).isEqualTo(403);
        HttpResponse<String> future = asFrontDoor("/v1/authorize", question);
        assertThat(future.statusCode()).isEqualTo(503);
        assertThat(future.body()).contains("ServiceUnavailable");
    }
}
