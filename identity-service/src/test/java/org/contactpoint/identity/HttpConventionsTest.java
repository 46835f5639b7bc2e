package org.contactpoint.identity;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Arrays;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.identity.Scenario.CASE_SYSTEM;
import static org.contactpoint.identity.Scenario.LA_MANAGER;
import static org.contactpoint.identity.Scenario.as;
import static org.contactpoint.identity.Scenario.record;

/**
 * The HTTP conventions of issue 20, kept by service-support's {@code HttpConventions} in every service: a request id
 * echoed, personal data never cached, a 405 that says what is allowed and keeps the child's ID out of the metrics,
 * {@code Location} on a 201, and cross-origin calls refused unless their origin is configured.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class HttpConventionsTest {

    /** Metrics are served on the management interface only. */
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void aRegistrationIsCreatedAtItsLocationAndItsReadIsNeverCached() {
        Response created = as(CASE_SYSTEM).header("X-Request-ID", "support-call-4711")
                .body(record("Ottoline", "Vandersteen", "2014-02-03", "N1 1AA", "LA_CASE_SYSTEM", "HTTP-1").toString())
                .post("/children").then().statusCode(201).extract().response();
        String child = created.path("contactPointId");
        assertThat(created.header("Location")).endsWith("/children/" + child);
        assertThat(created.header("X-Request-ID")).isEqualTo("support-call-4711");

        Response read = given().header("Authorization", LA_MANAGER).header("X-Purpose-Of-Use", "SAFEGUARDING")
                .header("X-Request-ID", "forged\r\nline").get("/children/" + child)
                .then().statusCode(200).extract().response();
        assertThat(read.header("Cache-Control")).isEqualTo("no-store");
        assertThat(read.header("X-Request-ID")).as("a forged id is replaced, never echoed")
                .matches("[0-9a-f-]{36}");
    }

    @Test
    void aMethodTheResourceDoesNotHaveIsA405ThatNamesTheMethodsAndLeavesTheIdOutOfTheMetrics() {
        String child = "CP" + "7".repeat(9) + "0";
        Response refused = given().header("Authorization", LA_MANAGER).delete("/children/" + child)
                .then().statusCode(405).contentType("application/problem+json").extract().response();
        assertThat(Arrays.stream(refused.header("Allow").split(",")).map(String::trim))
                .contains("GET", "PATCH");
        assertThat(refused.header("Cache-Control")).isEqualTo("no-store");

        String scraped = given().get(metrics).then().statusCode(200).extract().asString();
        assertThat(scraped.lines().filter(line -> line.startsWith("http_server_requests"))
                .filter(line -> line.contains("status=\"405\""))).isNotEmpty()
                .noneMatch(line -> line.contains(child));
    }

    @Test
    void aPreflightFromAnOriginNotConfiguredIsRefused() {
        given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "GET")
                .options("/children/CP0000000000").then().statusCode(403)
                .header("Access-Control-Allow-Origin", (String) null);
    }
}
