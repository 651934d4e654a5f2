package dev.openiam.identity;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.util.Map;

import static org.hamcrest.Matchers.equalTo;

/** A REST client for one account, authenticated as its root; {@link #fresh()} makes a new account. */
public record Api(String accountId, String accessKeyId, String secret) {

    /** The bootstrap account of the test profile (see application.properties). */
    public static final Api BOOTSTRAP = new Api("111122223333", "AKIAAAAAAAAAAAAAAAAA", "testRootSecretKeyOf40CharactersXXXXXXXXX");

    /** A valid trust policy: EC2 may assume the role. */
    public static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    /** A CreateRole body with {@code trust} as its document and {@code extra} JSON members. */
    public static String role(String name, String trust, String extra) {
        return "{\"roleName\":\"" + name + "\",\"assumeRolePolicyDocument\":\""
                + trust.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" + extra + "}";
    }

    /** A new, empty account created by the management account's root. */
    public static Api fresh() {
        Map<String, Object> created = BOOTSTRAP.given().body("{}").post("/v1/accounts")
                .then().statusCode(201).extract().jsonPath().getMap("");
        @SuppressWarnings("unchecked")
        Map<String, Object> key = (Map<String, Object>) created.get("rootAccessKey");
        return new Api((String) created.get("accountId"), (String) key.get("accessKeyId"), (String) key.get("secretAccessKey"));
    }

    public RequestSpecification given() {
        return RestAssured.given().auth().preemptive().basic(accessKeyId, secret).contentType(ContentType.JSON);
    }

    /** Path under this account: {@code /v1/accounts/<id>/<path>}. */
    public String at(String path) {
        return "/v1/accounts/" + accountId + "/" + path;
    }

    public ValidatableResponse post(String path, String body) {
        return given().body(body).post(at(path)).then();
    }

    public ValidatableResponse get(String path) {
        return given().get(at(path)).then();
    }

    public ValidatableResponse delete(String path) {
        return given().delete(at(path)).then();
    }

    public ValidatableResponse patch(String path, String body) {
        return given().body(body).patch(at(path)).then();
    }

    public ValidatableResponse put(String path) {
        return given().put(at(path)).then();
    }

    public ValidatableResponse put(String path, String body) {
        return given().body(body).put(at(path)).then();
    }

    /** Asserts an AWS error answer: status and code. */
    public static ValidatableResponse error(ValidatableResponse response, int status, String code) {
        return response.statusCode(status).contentType("application/problem+json").body("code", equalTo(code));
    }

    /** The account's current revision, read as the revision of a harmless write (a tag on a scratch user). */
    public long revision() {
        String name = "rev-probe";
        if (given().get(at("users/" + name)).statusCode() == 404) {
            return Long.parseLong(post("users", "{\"userName\":\"" + name + "\"}").statusCode(201).extract().header("X-Iam-Revision"));
        }
        return Long.parseLong(post("users/" + name + "/tags", "{\"tags\":[{\"key\":\"probe\",\"value\":\"x\"}]}")
                .statusCode(200).extract().header("X-Iam-Revision"));
    }
}
