package dev.openiam.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * The console's HTTP behaviour that needs no peer (sts-service is unreachable in this module: signing in fails
 * closed; the full flows are in e2e): the sign-in form's CSRF cookie and its flags, refusals, redirects.
 */
@QuarkusTest
class ConsoleHttpTest {

    @Test
    void theSignInFormSetsAStrictHttpOnlyCsrfCookieAndAPostWithoutItIsRefused() {
        Response form = RestAssured.given().redirects().follow(false).get("/signin");
        assertThat(form.statusCode()).isEqualTo(200);
        Cookie cookie = form.detailedCookie("iamconsole-signin");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualToIgnoringCase("Strict");
        assertThat(cookie.isSecured()).isFalse();
        assertThat(form.header("Cache-Control")).isEqualTo("no-store");
        assertThat(form.header("X-Frame-Options")).isEqualTo("DENY");
        String csrf = cookie.getValue();
        assertThat(form.asString()).contains("value=\"" + csrf + "\"");

        // no token, a token without its cookie, a cookie with another token: refused before anything is checked
        RestAssured.given().formParam("account", "111122223333").formParam("password", "x").post("/signin")
                .then().statusCode(403).body(containsString("InvalidCsrfToken"));
        RestAssured.given().formParam("account", "111122223333").formParam("password", "x").formParam("csrf", csrf)
                .post("/signin").then().statusCode(403);
        RestAssured.given().cookie("iamconsole-signin", csrf).formParam("account", "111122223333").formParam("password", "x")
                .formParam("csrf", csrf + "x").post("/signin").then().statusCode(403);
        // with both: sts-service does not answer here, so nobody signs in
        RestAssured.given().cookie("iamconsole-signin", csrf).formParam("account", "111122223333").formParam("password", "x")
                .formParam("principal", "root").formParam("csrf", csrf).post("/signin")
                .then().statusCode(503).body(containsString("Sign-in is unavailable"));
    }

    @Test
    void underTlsTheCookieIsSecure() {
        Response form = RestAssured.given().header("X-Forwarded-Proto", "https").get("/signin");
        assertThat(form.detailedCookie("iamconsole-signin").isSecured()).isTrue();
    }

    @Test
    void pagesWithoutASessionGoToTheSignInForm() {
        for (String page : new String[]{"/", "/users", "/groups/new", "/password"}) {
            RestAssured.given().redirects().follow(false).get(page).then().statusCode(303)
                    .header("Location", containsString("/signin"));
        }
        RestAssured.given().redirects().follow(false).cookie("iamconsole", "made-up").get("/users").then().statusCode(303);
        RestAssured.given().redirects().follow(false).formParam("csrf", "x").post("/signout").then().statusCode(303);
    }
}
