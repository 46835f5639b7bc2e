package org.contactpoint.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.gateway.GatewayFixtures.as;
import static org.contactpoint.gateway.GatewayFixtures.newContactPointId;

/**
 * Metrics and health are served on the management interface only, which no ingress routes, and no request, however
 * malformed, puts what its path names (a child's ContactPoint ID) into a metric label (issue 20: a 405 on
 * {@code DELETE /children/CP…} did).
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ManagementInterfaceTest {

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @Test
    void aRequestForAMethodTheApiDoesNotHaveLeavesNoIdentifierInTheMetrics() {
        String childId = newContactPointId();
        as("teacher-metrics", "practitioner").delete("/children/" + childId).then().statusCode(405);
        as("teacher-metrics", "practitioner").put("/children/" + childId + "/nothing-here").then().statusCode(404);

        String scraped = given().get(metrics).then().statusCode(200).extract().asString();
        assertThat(scraped).as("the metrics after requests naming %s", childId)
                .contains("http_server_requests_seconds_count")
                .doesNotContain(childId);
    }

    @Test
    void healthAndMetricsAreOnTheManagementPortOnly() {
        given().get(ready).then().statusCode(200);
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(404);
    }
}
