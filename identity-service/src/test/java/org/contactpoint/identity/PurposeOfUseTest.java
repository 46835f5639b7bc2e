package org.contactpoint.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.identity.Scenario.CASE_SYSTEM;
import static org.contactpoint.identity.Scenario.LA_MANAGER;
import static org.contactpoint.identity.Scenario.as;
import static org.contactpoint.identity.Scenario.record;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every read of a child's personal data in identity-service states why (issue 16 item 10), as a search at the gateway
 * does: without a recognised purpose the read is refused before anything is read, and the purpose given is in the
 * read's audit record.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class PurposeOfUseTest {

    @Test
    void aChildsRecordIsReadOnlyWithAStatedPurposeAndThePurposeIsAudited() {
        String child = as(CASE_SYSTEM).body(record("Wilhelmina", "Quarrington", "2015-06-09", "N1 1AA",
                        "LA_CASE_SYSTEM", "POU-1").toString())
                .post("/children").then().statusCode(201).extract().path("contactPointId");

        given().header("Authorization", LA_MANAGER).contentType(ContentType.JSON).get("/children/" + child)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("X-Purpose-Of-Use"));
        given().header("Authorization", LA_MANAGER).header("X-Purpose-Of-Use", "CURIOSITY")
                .contentType(ContentType.JSON).get("/children/" + child)
                .then().statusCode(400).body("errors[0].reason", containsString("not a recognised purpose"));
        given().header("Authorization", LA_MANAGER).header("X-Purpose-Of-Use", "SAFEGUARDING")
                .contentType(ContentType.JSON).get("/children/" + child).then().statusCode(200);
        given().header("Authorization", LA_MANAGER).contentType(ContentType.JSON).get("/review-items")
                .then().statusCode(400).body("errors[0].field", equalTo("X-Purpose-Of-Use"));

        List<JsonNode> views = Scenario.audits(child, "VIEW_CHILD").stream()
                .filter(a -> "VIEW_CHILD".equals(a.path("action").asText())).toList();
        assertThat(views).as("one audited read: the refused ones read nothing").hasSize(1);
        assertThat(views.get(0).path("purpose").asText()).isEqualTo("SAFEGUARDING");
    }
}
