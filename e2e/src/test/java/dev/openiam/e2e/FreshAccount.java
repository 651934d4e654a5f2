package dev.openiam.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.iam.IamClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A new account of the running system, created by the management account's root through the REST API
 * ({@code POST /v1/accounts}): for tests of account-wide settings (the password policy, the credential report) that
 * must not see or disturb the other suites' users.
 */
public record FreshAccount(String accountId, String accessKeyId, String secretAccessKey) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static FreshAccount create() {
        LocalSystem system = LocalSystem.get();
        try {
            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(system.endpoint() + "/v1/accounts"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((system.accessKeyId() + ":"
                            + system.secretAccessKey()).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("account not created: " + created.statusCode() + " " + created.body());
            }
            JsonNode account = new ObjectMapper().readTree(created.body());
            return new FreshAccount(account.path("accountId").asText(), account.path("rootAccessKey").path("accessKeyId").asText(),
                    account.path("rootAccessKey").path("secretAccessKey").asText());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An SDK client signing as this account's root. */
    public IamClient root() {
        return Clients.iam(accessKeyId, secretAccessKey);
    }

    /** The environment of a CLI or script run as this account's root. */
    public Map<String, String> environment() {
        Map<String, String> env = LocalSystem.get().clientEnvironment();
        env.put("AWS_ACCESS_KEY_ID", accessKeyId);
        env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
        env.put("IAM_ACCOUNT_ID", accountId);
        return env;
    }
}
