package dev.openiam.identity;

import io.restassured.RestAssured;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.ValidatableResponse;
import dev.openiam.testsupport.SignedQuery;

import java.net.URI;

import static org.hamcrest.Matchers.equalTo;

/** The IAM Query API as the AWS CLI calls it: a form body signed with SigV4 (the SDK's signer) by {@code api}'s root key. */
public record QueryApi(Api api) {

    /** {@code Action=action&Version=2010-05-08} and {@code params} as name, value pairs. */
    public ValidatableResponse call(String action, String... params) {
        String body = SignedQuery.form(action, "2010-05-08", params);
        URI uri = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/");
        var given = RestAssured.given().body(body);
        SignedQuery.headers(uri, body, "iam", api.accessKeyId(), api.secret(), null)
                .forEach((name, values) -> values.forEach(value -> given.header(name, value)));
        return given.post("/").then();
    }

    /** The {@code <ActionResult>} of a successful call. */
    public XmlPath ok(String action, String... params) {
        String xml = call(action, params).statusCode(200).extract().asString();
        return new XmlPath(xml).setRootPath(action + "Response." + action + "Result");
    }

    /** Asserts an AWS error document with {@code status} and {@code code}; answers its message. */
    public String error(int status, String code, String action, String... params) {
        return call(action, params).statusCode(status).body("ErrorResponse.Error.Code", equalTo(code))
                .extract().xmlPath().getString("ErrorResponse.Error.Message");
    }
}
