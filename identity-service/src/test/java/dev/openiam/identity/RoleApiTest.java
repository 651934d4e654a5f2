package dev.openiam.identity;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.openiam.identity.Api.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

@QuarkusTest
class RoleApiTest {

    static final String TRUST = Api.TRUST;

    Api api;

    @BeforeEach
    void newAccount() {
        api = Api.fresh();
    }

    static String role(String name, String trust, String extra) {
        return Api.role(name, trust, extra);
    }

    static String quote(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void roleLifecycle() {
        api.post("roles", role("app", TRUST, ",\"path\":\"/svc/\",\"description\":\"the app\",\"maxSessionDuration\":7200,"
                        + "\"tags\":[{\"key\":\"team\",\"value\":\"core\"}]")).statusCode(201)
                .body("roleId", matchesPattern("AROA[A-Z2-7]{16}"))
                .body("arn", equalTo("arn:aws:iam::" + api.accountId() + ":role/svc/app"))
                .body("assumeRolePolicyDocument", equalTo(TRUST))
                .body("maxSessionDuration", equalTo(7200));
        api.get("roles/APP").statusCode(200).body("description", equalTo("the app")).body("tags", hasSize(1));
        api.patch("roles/app", "{\"maxSessionDuration\":43200}").statusCode(200)
                .body("maxSessionDuration", equalTo(43200)).body("description", equalTo("the app"));
        api.patch("roles/app", "{\"description\":\"new\"}").statusCode(200).body("description", equalTo("new"));
        String trust2 = TRUST.replace("ec2", "lambda");
        api.put("roles/app/trust-policy", "{\"policyDocument\":" + quote(trust2) + "}").statusCode(200)
                .body("assumeRolePolicyDocument", equalTo(trust2));
        api.post("roles/app/tags", "{\"tags\":[{\"key\":\"env\",\"value\":\"prod\"}]}").statusCode(200).body("tags", hasSize(2));
        api.given().queryParam("tagKeys", "team").delete(api.at("roles/app/tags")).then().statusCode(200)
                .body("tags.key", equalTo(List.of("env")));
        api.get("roles").body("items.roleName", equalTo(List.of("app")));
        api.delete("roles/app").statusCode(204);
        error(api.get("roles/app"), 404, "NoSuchEntity");
    }

    @Test
    void maxSessionDurationIsBetween3600And43200AndDefaultsTo3600() {
        api.post("roles", role("d", TRUST, "")).statusCode(201).body("maxSessionDuration", equalTo(3600));
        error(api.post("roles", role("low", TRUST, ",\"maxSessionDuration\":3599")), 400, "ValidationError");
        error(api.post("roles", role("high", TRUST, ",\"maxSessionDuration\":43201")), 400, "ValidationError");
        error(api.patch("roles/d", "{\"maxSessionDuration\":100}"), 400, "ValidationError");
        api.post("roles", role("max", TRUST, ",\"maxSessionDuration\":43200")).statusCode(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"a\":1", "[1,2]", "{\"a\":1}{\"b\":2}", "{\"a\":1,\"a\":2}", "{}",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\"}]}",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Maybe\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\"}]}"})
    void trustPolicyMustBeAGrammaticalTrustPolicy(String document) {
        long before = api.revision();
        error(api.post("roles", role("bad", document, "")), 400, "MalformedPolicyDocument");
        assertThat(api.revision()).isEqualTo(before + 1);
    }

    @Test
    void trustPolicySizeIsLimitedTo2048NonWhitespaceCharacters() {
        String head = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"";
        String tail = "\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
        String fits = head + "S".repeat(2048 - head.length() - tail.length()) + tail;
        assertThat(fits).hasSize(2048);
        api.post("roles", role("fits", fits.replace(",", ",      "), "")).statusCode(201);
        String tooBig = head + "S".repeat(2049 - head.length() - tail.length()) + tail;
        error(api.post("roles", role("big", tooBig, "")), 409, "LimitExceeded");
        error(api.post("roles", "{\"roleName\":\"none\"}"), 400, "ValidationError");
        error(api.post("roles", "{\"roleName\":\"ctl\",\"assumeRolePolicyDocument\":\"{\\\"a\\\":\\\"\\u0001\\\"}\"}"),
                400, "ValidationError");
    }

    @Test
    void roleNamesAreValidatedAndUnique() {
        api.post("roles", role("r", TRUST, "")).statusCode(201);
        error(api.post("roles", role("R", TRUST, "")), 409, "EntityAlreadyExists");
        error(api.post("roles", role("x".repeat(65), TRUST, "")), 400, "ValidationError");
        error(api.post("roles", role("r", TRUST, ",\"description\":\"" + "d".repeat(1001) + "\"")), 400, "ValidationError");
    }

    @Test
    void deleteConflictsWhileTheRoleIsInAnInstanceProfile() {
        api.post("roles", role("web", TRUST, "")).statusCode(201);
        api.post("instance-profiles", "{\"instanceProfileName\":\"web-ip\"}").statusCode(201);
        api.put("instance-profiles/web-ip/roles/web").statusCode(204);
        error(api.delete("roles/web"), 409, "DeleteConflict");
        api.delete("instance-profiles/web-ip/roles/web").statusCode(204);
        api.delete("roles/web").statusCode(204);
    }
}
