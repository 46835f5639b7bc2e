package org.contactpoint.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.identity.Scenario.FEED;
import static org.contactpoint.identity.Scenario.LA_MANAGER;
import static org.contactpoint.identity.Scenario.OTHER_LA_MANAGER;
import static org.contactpoint.identity.Scenario.TEACHER;
import static org.contactpoint.identity.Scenario.as;
import static org.contactpoint.identity.Scenario.record;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 18: a linked source record keeps the child current by the survivorship rule (the most recent record of a
 * trusted source wins, a local authority's edit wins over feeds, a conflict the rule cannot settle waits for a
 * person), with every source's say kept and shown to the child's own authority.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class FieldSurvivorshipTest {

    @Test
    void aTrustedFeedsNewPostcodeReachesTheChildAndItsUpdateEvent() throws Exception {
        String id = create("Oriel", "Vantongeren", "2015-02-11", "SE15 4QL", "4729013301", "FS-H-1");

        // The school census has her at a new address; it arrives in a batch, as a feed sends it.
        ObjectNode school = withNhs(record("Oriel", "Vantongeren", "2015-02-11", "M14 5RG", "SCHOOL_CENSUS",
                "FS-S-1"), "4729013301");
        as(FEED).body("{\"records\":[" + school + "]}").post("/source-records/batch").then().statusCode(200)
                .body("[0].outcome", equalTo("LINKED")).body("[0].contactPointId", equalTo(id));

        as(LA_MANAGER).get("/children/" + id).then().statusCode(200)
                .body("whereabouts.address.postcode", equalTo("M14 5RG"));
        // The search gateway follows identity.children.v1: the update carries the new postcode.
        List<ConsumerRecord<String, String>> events = Scenario.childEvents(id, read -> read.stream()
                .anyMatch(r -> r.value() != null && r.value().contains("M14 5RG")));
        assertThat(events.get(events.size() - 1).value()).contains("M14 5RG");

        JsonNode provenance = Scenario.JSON.readTree(as(LA_MANAGER).get("/children/" + id + "/provenance").then()
                .statusCode(200).extract().asString());
        assertThat(provenance.findValues("source").stream().map(JsonNode::asText))
                .contains("HEALTH_DEMOGRAPHICS", "SCHOOL_CENSUS");
        JsonNode school1 = only(provenance, "SCHOOL_CENSUS", "ADDRESS");
        assertThat(school1.path("outcome").asText()).isEqualTo("APPLIED");
        assertThat(school1.path("inForce").asBoolean()).isTrue();
        assertThat(school1.path("value").toString()).contains("M14 5RG");
        // Only the child's own authority and administrators see who said what.
        as(OTHER_LA_MANAGER).get("/children/" + id + "/provenance").then().statusCode(403)
                .contentType("application/problem+json");
        as(TEACHER).get("/children/" + id + "/provenance").then().statusCode(403);
    }

    @Test
    void aLocalAuthoritysEditIsNotOverwrittenByATrustedFeed() throws Exception {
        String id = create("Bettany", "Quarrington", "2014-06-21", "SE15 4QL", "4729013379", "FS-H-2");
        as(LA_MANAGER).body("{\"address\":{\"lines\":[\"2 Moved Road\"],\"town\":\"Leeds\",\"postcode\":\"LS1 4AP\"}}")
                .patch("/children/" + id).then().statusCode(200);

        // Health's next record still has the old address: the authority knows better.
        ObjectNode health = withNhs(record("Bettany", "Quarrington", "2014-06-21", "SE15 4QL",
                "HEALTH_DEMOGRAPHICS", "FS-H-2b"), "4729013379");
        as(FEED).body(health.toString()).post("/source-records").then().statusCode(200)
                .body("outcome", equalTo("LINKED"));

        as(LA_MANAGER).get("/children/" + id).then().statusCode(200)
                .body("whereabouts.address.postcode", equalTo("LS1 4AP"));
        JsonNode provenance = Scenario.JSON.readTree(as(LA_MANAGER).get("/children/" + id + "/provenance").then()
                .statusCode(200).extract().asString());
        JsonNode edit = only(provenance, "LOCAL_AUTHORITY_EDIT", "ADDRESS");
        assertThat(edit.path("inForce").asBoolean()).isTrue();
        JsonNode kept = last(provenance, "HEALTH_DEMOGRAPHICS", "ADDRESS");
        assertThat(kept.path("outcome").asText()).isEqualTo("KEPT");
        assertThat(kept.path("reason").asText()).contains("local authority");
    }

    @Test
    void aConflictTheRuleCannotSettleWaitsInTheReviewQueueUntilAPersonEditsTheField() throws Exception {
        String id = create("Cosima", "Threlkeld", "2016-09-03", "SE15 4QL", "4729013441", "FS-H-3");

        // A source that is not trusted says she lives elsewhere: linked, but the address stays for a person.
        ObjectNode benefits = withNhs(record("Cosima", "Threlkeld", "2016-09-03", "B5 7QT", "BENEFITS", "FS-B-3"),
                "4729013441");
        as(FEED).body(benefits.toString()).post("/source-records").then().statusCode(200)
                .body("outcome", equalTo("LINKED"));
        as(LA_MANAGER).get("/children/" + id).then().statusCode(200)
                .body("whereabouts.address.postcode", equalTo("SE15 4QL"));

        JsonNode conflict = conflictOf(LA_MANAGER, id);
        assertThat(conflict).as("the conflict in the authority's queue").isNotNull();
        assertThat(conflict.path("field").asText()).isEqualTo("ADDRESS");
        assertThat(conflict.path("source").asText()).isEqualTo("BENEFITS");
        assertThat(conflict.path("reason").asText()).contains("not a trusted source");
        assertThat(conflict.path("value").toString()).contains("B5 7QT");
        assertThat(conflictOf(OTHER_LA_MANAGER, id)).as("another authority's queue").isNull();

        // The authority decides by editing the address: the conflict is settled.
        as(LA_MANAGER).body("{\"address\":{\"lines\":[\"9 New Street\"],\"town\":\"Birmingham\",\"postcode\":"
                + "\"B5 7QT\"}}").patch("/children/" + id).then().statusCode(200);
        assertThat(conflictOf(LA_MANAGER, id)).isNull();
    }

    private static String create(String given, String family, String dob, String postcode, String nhs,
                                 String sourceId) {
        return as(FEED).body(withNhs(record(given, family, dob, postcode, "HEALTH_DEMOGRAPHICS", sourceId), nhs)
                        .toString()).post("/source-records").then().statusCode(201)
                .body("outcome", equalTo("CREATED")).extract().path("contactPointId");
    }

    private static ObjectNode withNhs(ObjectNode record, String nhs) {
        record.putArray("identifiers").addObject().put("scheme", "NHS_NUMBER").put("value", nhs);
        return record;
    }

    private static JsonNode conflictOf(String token, String id) throws Exception {
        for (JsonNode item : Scenario.JSON.readTree(as(token).get("/review-items/field-conflicts").then()
                .statusCode(200).extract().asString())) {
            if (id.equals(item.path("contactPointId").asText())) {
                return item;
            }
        }
        return null;
    }

    private static JsonNode only(JsonNode provenance, String source, String field) {
        List<JsonNode> found = matching(provenance, source, field);
        assertThat(found).as(source + " " + field).hasSize(1);
        return found.get(0);
    }

    private static JsonNode last(JsonNode provenance, String source, String field) {
        List<JsonNode> found = matching(provenance, source, field);
        assertThat(found).as(source + " " + field).isNotEmpty();
        return found.get(found.size() - 1);
    }

    private static List<JsonNode> matching(JsonNode provenance, String source, String field) {
        List<JsonNode> found = new java.util.ArrayList<>();
        provenance.forEach(entry -> {
            if (source.equals(entry.path("source").asText()) && field.equals(entry.path("field").asText())) {
                found.add(entry);
            }
        });
        return found;
    }
}
