package org.contactpoint.audit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * audit-service's lists page as every other API does (issue 20, docs/api.md): under {@code /v2} a plain array and a
 * {@code Link} to the next page; the v1 envelopes still answer, telling the client they are deprecated, until when,
 * and where their successor is.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class PagingStyleTest {

    private static final String AUDITOR = AccountSuspensionTest.AUDITOR;

    @Test
    void theAccountsOfAnAuthorityPageAsAnArrayWithALinkToTheNextPage() {
        String authority = "E0600" + (1000 + (int) (Math.random() * 8999));
        String team = AccountSuspensionTest.laTeam("paging-admin-" + authority, authority);
        for (String name : List.of("ada.paging-" + authority.toLowerCase(), "bo.paging-" + authority.toLowerCase())) {
            given().header("Authorization", team).contentType("application/json")
                    .body(Map.of("username", name, "name", "Paging Test", "roles", List.of("practitioner")))
                    .post("/accounts").then().statusCode(201);
        }

        Response first = given().header("Authorization", team).queryParam("size", 1).get("/v2/accounts")
                .then().statusCode(200).body("size()", equalTo(1))
                .body("[0].username", equalTo("ada.paging-" + authority.toLowerCase())).extract().response();
        assertThat(first.header("Link")).contains("page=1").contains("size=1").endsWith("rel=\"next\"");
        assertThat(first.header("Deprecation")).isNull();
        Response last = given().header("Authorization", team).queryParam("size", 1).queryParam("page", 1)
                .get("/v2/accounts").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].username", equalTo("bo.paging-" + authority.toLowerCase())).extract().response();
        assertThat(last.header("Link")).isNull();

        given().header("Authorization", team).queryParam("size", 500).get("/v2/accounts").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("size"));
        given().header("Authorization", team).get("/v2/investigations").then().statusCode(200)
                .body("size()", equalTo(0));
        given().header("Authorization", team).header("X-Purpose-Of-Use", "ADMINISTRATION")
                .get("/v2/access-notifications").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void theV1EnvelopesStillAnswerAndSayTheyAreDeprecatedAndWhatReplacesThem() {
        Response v1 = given().header("Authorization", AUDITOR).header("X-Purpose-Of-Use", "ADMINISTRATION")
                .queryParam("size", 1).get("/audit-records").then().statusCode(200)
                .body("size", equalTo(1)).extract().response();
        assertThat(v1.header("Deprecation")).isEqualTo("@1796601600");
        assertThat(v1.header("Sunset")).isEqualTo("Tue, 07 Dec 2027 00:00:00 GMT");
        assertThat(v1.header("Link")).isEqualTo("</v2/audit-records>; rel=\"successor-version\"");

        Response v2 = given().header("Authorization", AUDITOR).header("X-Purpose-Of-Use", "ADMINISTRATION")
                .queryParam("size", 1).get("/v2/audit-records").then().statusCode(200).extract().response();
        assertThat(v2.jsonPath().getList("$")).hasSizeLessThanOrEqualTo(1);
        assertThat(v2.header("Deprecation")).isNull();

        String team = AccountSuspensionTest.laTeam("paging-v1-admin", "E09000019");
        for (String v1Path : List.of("/accounts", "/investigations")) {
            assertThat(given().header("Authorization", team).get(v1Path).then().statusCode(200).extract()
                    .header("Link")).isEqualTo("</v2" + v1Path + ">; rel=\"successor-version\"");
        }
        assertThat(given().header("Authorization", team).header("X-Purpose-Of-Use", "ADMINISTRATION")
                .get("/access-notifications").then().statusCode(200).extract().header("Deprecation"))
                .isEqualTo("@1796601600");
    }
}
