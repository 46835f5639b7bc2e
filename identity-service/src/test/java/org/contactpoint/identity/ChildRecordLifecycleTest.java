package org.contactpoint.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.identity.domain.ContactPointId;
import org.contactpoint.identity.application.NewIdentityRelease;
import org.contactpoint.identity.application.RetentionService;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.contactpoint.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.identity.Scenario.ADMIN;
import static org.contactpoint.identity.Scenario.CASE_SYSTEM;
import static org.contactpoint.identity.Scenario.FEED;
import static org.contactpoint.identity.Scenario.LA_MANAGER;
import static org.contactpoint.identity.Scenario.OTHER_LA_MANAGER;
import static org.contactpoint.identity.Scenario.SEALED;
import static org.contactpoint.identity.Scenario.TEACHER;
import static org.contactpoint.identity.Scenario.as;
import static org.contactpoint.identity.Scenario.eventAtVersion;
import static org.contactpoint.identity.Scenario.lastEvent;
import static org.contactpoint.identity.Scenario.record;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** The child's record from registration to purge, as the management team and downstream services see it. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ChildRecordLifecycleTest {

    private final RetentionService retention;
    private final NewIdentityRelease release;

    ChildRecordLifecycleTest(RetentionService retention, NewIdentityRelease release) {
        this.retention = retention;
        this.release = release;
    }

    @Test
    void fullRecordIsKeptPublishedAndShownOnlyToManagement() throws Exception {
        ObjectNode child = record("Ngozi Adaeze", "Okonkwo-Bello", "2016-04-21", "EC1V 2NX", "LA_CASE_SYSTEM",
                "REC-1");
        child.put("preferredName", "Zizi");
        child.putArray("formerNames").addObject().put("givenNames", "Ngozi").put("familyName", "Bello")
                .put("kind", "FORMER");
        var ids = child.putArray("identifiers");
        ids.addObject().put("scheme", "NHS_NUMBER").put("value", "943 476 5919").put("source", "HEALTH");
        ids.addObject().put("scheme", "UPN").put("value", "A123456789012");
        ids.addObject().put("scheme", "LA_CASE_ID").put("value", "ISL-778");
        String id = as(CASE_SYSTEM).body(child.toString()).post("/children").then().statusCode(201)
                .body("outcome", equalTo("CREATED")).extract().path("contactPointId");

        as(LA_MANAGER).get("/children/" + id).then().statusCode(200)
                .body("name.familyName", equalTo("Okonkwo-Bello"))
                .body("preferredName", equalTo("Zizi"))
                .body("formerNames[0].familyName", equalTo("Bello"))
                .body("whereabouts.kind", equalTo("CURRENT_ADDRESS"))
                .body("whereabouts.address.postcode", equalTo("EC1V 2NX"))
                .body("identifiers.find { it.scheme == 'NHS_NUMBER' }.value", equalTo("9434765919"))
                .body("identifiers.find { it.scheme == 'NHS_NUMBER' }.source", equalTo("HEALTH"))
                .body("identifiers.find { it.scheme == 'LA_CASE_ID' }.source", equalTo("LA_CASE_SYSTEM"))
                .body("responsibleLocalAuthority", equalTo("E09000019"))
                .body("sealedLinks", nullValue());
        JsonNode registered = lastEvent(id, ChildEventTypes.REGISTERED);
        assertThat(registered.path("version").asLong()).isEqualTo(1);
        assertThat(registered.path("formerNames").get(0).path("kind").asText()).isEqualTo("FORMER");
        assertThat(registered.path("identifiers").toString()).contains("A123456789012");

        as(TEACHER).get("/children/" + id).then().statusCode(403).contentType("application/problem+json");
        as(CASE_SYSTEM).get("/children/" + id).then().statusCode(403);
        String badCheckDigit = id.substring(0, 11) + ((id.charAt(11) - '0' + 1) % 10);
        as(LA_MANAGER).get("/children/" + badCheckDigit).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("contactPointId"));
        String unknown = ContactPointId.issue();
        as(LA_MANAGER).get("/children/" + unknown).then().statusCode(404).contentType("application/problem+json");
        assertThat(Scenario.audits(id, "VIEW_CHILD")).anySatisfy(a -> {
            assertThat(a.path("action").asText()).isEqualTo("VIEW_CHILD");
            assertThat(a.path("actor").path("userId").asText()).isEqualTo("la-manager");
        });

        // Someone else who left England, intending to return.
        ObjectNode abroad = record("Tomasz", "Wieczorek", "2013-05-02", null, "LA_CASE_SYSTEM", "REC-2");
        abroad.put("whereabouts", "LEFT_ENGLAND").put("intendsToReturn", "UNKNOWN");
        String abroadId = as(CASE_SYSTEM).body(abroad.toString()).post("/children").then().statusCode(201)
                .extract().path("contactPointId");
        as(ADMIN).get("/children/" + abroadId).then().statusCode(200)
                .body("whereabouts.kind", equalTo("LEFT_ENGLAND")).body("whereabouts.intendsToReturn",
                        equalTo("UNKNOWN"));
    }

    @Test
    void badRecordsAreRefusedWithTheFieldAndReason() {
        record400(with(record("Ada", "Lovelace", "2016-03-14", "N1 1AA", "X", "B1"), "identifiers",
                "[{\"scheme\":\"NHS_NUMBER\",\"value\":\"9434765918\"}]"), "identifiers[0].value");
        record400(with(record("Ada", "Lovelace", "2016-03-14", "N1 1AA", "X", "B2"), "identifiers",
                "[{\"scheme\":\"PASSPORT\",\"value\":\"123\"}]"), "identifiers[0].scheme");
        record400(record("Ada", "Lovelace", LocalDate.now().plusDays(2).toString(), "N1 1AA", "X", "B3"),
                "dateOfBirth");
        record400(record("Ada", "Lovelace", "2016-02-30", "N1 1AA", "X", "B4"), "dateOfBirth");
        record400(record("Ada", "L".repeat(201), "2016-03-14", "N1 1AA", "X", "B5"), "familyName");
        ObjectNode leftWithoutIntention = record("Ada", "Lovelace", "2016-03-14", null, "X", "B6");
        leftWithoutIntention.put("whereabouts", "LEFT_ENGLAND");
        record400(leftWithoutIntention.toString(), "intendsToReturn");
        ObjectNode noAddress = record("Ada", "Lovelace", "2016-03-14", null, "X", "B7");
        noAddress.put("whereabouts", "LAST_KNOWN_ADDRESS");
        record400(noAddress.toString(), "address");
    }

    @Test
    void everyChangeIsANewVersionWithItsOwnEvent() throws Exception {
        String id = register("Leila", "Haddad", "2014-09-30", "LC-1");
        as(CASE_SYSTEM).body("{\"familyName\":\"Haddad-Smith\",\"preferredName\":\"Lee\"}")
                .patch("/children/" + id).then().statusCode(200).body("version", equalTo(2));
        as(LA_MANAGER).get("/children/" + id).then().statusCode(200)
                .body("formerNames[0].familyName", equalTo("Haddad"));
        JsonNode updated = lastEvent(id, ChildEventTypes.UPDATED);
        assertThat(updated.path("version").asLong()).isEqualTo(2);
        assertThat(updated.path("formerNames").get(0).path("kind").asText()).isEqualTo("FORMER");

        String reviewDate = LocalDate.now().plusMonths(6).toString();
        as(LA_MANAGER).body("{\"reason\":\"risk from a former partner\",\"reviewDate\":\"" + reviewDate + "\"}")
                .put("/children/" + id + "/shield").then().statusCode(200).body("version", equalTo(3))
                .body("shield.reason", equalTo("risk from a former partner"));
        JsonNode shielded = lastEvent(id, ChildEventTypes.SHIELDED);
        assertThat(shielded.path("shield").path("reviewDate").asText()).isEqualTo(reviewDate);
        assertThat(shielded.toString()).doesNotContain("former partner");
        as(CASE_SYSTEM).body("{\"reason\":\"x\",\"reviewDate\":\"" + reviewDate + "\"}")
                .put("/children/" + id + "/shield").then().statusCode(403);

        as(LA_MANAGER).body("{\"vulnerabilities\":[\"CHILD_PROTECTION_PLAN\",\"LOOKED_AFTER\"]}")
                .put("/children/" + id + "/vulnerabilities").then().statusCode(200).body("version", equalTo(4));
        JsonNode flagged = eventAtVersion(id, ChildEventTypes.UPDATED, 4);
        assertThat(flagged.path("version").asLong()).isEqualTo(4);
        assertThat(flagged.path("vulnerabilities").toString()).contains("CHILD_PROTECTION_PLAN", "LOOKED_AFTER");
        as(LA_MANAGER).body("{\"vulnerabilities\":[\"SOMETHING_ELSE\"]}")
                .put("/children/" + id + "/vulnerabilities").then().statusCode(400)
                .body("errors[0].field", equalTo("vulnerabilities[0]"));

        as(LA_MANAGER).body("{\"reason\":\"review found no further risk\"}")
                .delete("/children/" + id + "/shield").then().statusCode(200).body("version", equalTo(5));
        assertThat(lastEvent(id, ChildEventTypes.UNSHIELDED).has("shield")).isFalse();

        as(LA_MANAGER).body("{\"localAuthority\":\"E08000003\"}").post("/children/" + id + "/moves")
                .then().statusCode(200).body("responsibleLocalAuthority", equalTo("E08000003"));
        JsonNode moved = lastEvent(id, ChildEventTypes.MOVED_LOCAL_AUTHORITY);
        assertThat(moved.path("responsibleLocalAuthority").asText()).isEqualTo("E08000003");
        assertThat(moved.path("previousResponsibleLocalAuthority").asText()).isEqualTo("E09000019");
        assertThat(moved.path("version").asLong()).isEqualTo(6);

        // From now on the child is the new local authority's: its team acts, the old one no longer may.
        as(LA_MANAGER).get("/children/" + id).then().statusCode(403);
        as(OTHER_LA_MANAGER).body("{\"whereabouts\":\"LEFT_ENGLAND\",\"intendsToReturn\":\"YES\"}")
                .patch("/children/" + id).then().statusCode(200).body("whereabouts.kind", equalTo("LEFT_ENGLAND"));
        as(OTHER_LA_MANAGER).body("{\"dateOfDeath\":\"" + LocalDate.now().minusDays(3) + "\"}")
                .put("/children/" + id + "/death").then().statusCode(200).body("status", equalTo("DECEASED"));
        JsonNode died = lastEvent(id, ChildEventTypes.DIED);
        assertThat(died.path("version").asLong()).isEqualTo(8);
        assertThat(died.path("status").asText()).isEqualTo("DECEASED");
        assertThat(Scenario.audits(id, "UPDATE_CHILD", "SHIELD_CHILD", "SET_VULNERABILITIES", "UNSHIELD_CHILD",
                "MOVE_LOCAL_AUTHORITY", "RECORD_DEATH")).extracting(a -> a.path("action").asText())
                .contains("UPDATE_CHILD", "SHIELD_CHILD", "SET_VULNERABILITIES", "UNSHIELD_CHILD",
                        "MOVE_LOCAL_AUTHORITY", "RECORD_DEATH");
    }

    @Test
    void aManagementTeamActsOnlyForChildrenOfItsOwnLocalAuthority() {
        String ours = register("Oluwaseun", "Fairweather-Ode", "2014-02-17", "LA-1");
        String theirs = register("Cressida", "Pennington-Ode", "2013-07-08", "LA-2");
        as(ADMIN).body("{\"localAuthority\":\"E08000003\"}").post("/children/" + theirs + "/moves")
                .then().statusCode(200);
        String reviewDate = LocalDate.now().plusMonths(3).toString();

        // Every endpoint that reads or changes one child refuses the team of another local authority.
        as(OTHER_LA_MANAGER).get("/children/" + ours).then().statusCode(403)
                .contentType("application/problem+json");
        as(OTHER_LA_MANAGER).body("{\"preferredName\":\"Seun\"}").patch("/children/" + ours).then()
                .statusCode(403).contentType("application/problem+json");
        as(OTHER_LA_MANAGER).body("{\"reason\":\"x\",\"reviewDate\":\"" + reviewDate + "\"}")
                .put("/children/" + ours + "/shield").then().statusCode(403);
        as(OTHER_LA_MANAGER).body("{\"reason\":\"x\"}").delete("/children/" + ours + "/shield").then()
                .statusCode(403);
        as(OTHER_LA_MANAGER).body("{\"vulnerabilities\":[\"LOOKED_AFTER\"]}")
                .put("/children/" + ours + "/vulnerabilities").then().statusCode(403);
        as(OTHER_LA_MANAGER).body("{\"localAuthority\":\"E08000003\"}").post("/children/" + ours + "/moves")
                .then().statusCode(403);
        as(OTHER_LA_MANAGER).body("{\"dateOfDeath\":\"" + LocalDate.now().minusDays(1) + "\"}")
                .put("/children/" + ours + "/death").then().statusCode(403);
        as(OTHER_LA_MANAGER).body("{\"reason\":\"CARE_LEAVER\"}").put("/children/" + ours + "/retention")
                .then().statusCode(403);
        as(OTHER_LA_MANAGER).body("{\"reason\":\"adoption order\",\"givenNames\":\"Xanthe\","
                        + "\"familyName\":\"Quayle\"}").post("/children/" + ours + "/new-identity")
                .then().statusCode(403);
        // A merge needs both children to be the team's own.
        as(OTHER_LA_MANAGER).body("{\"survivorId\":\"" + theirs + "\",\"mergedId\":\"" + ours
                + "\",\"reason\":\"same child\"}").post("/merges").then().statusCode(403);
        as(LA_MANAGER).body("{\"survivorId\":\"" + ours + "\",\"mergedId\":\"" + theirs
                + "\",\"reason\":\"same child\"}").post("/merges").then().statusCode(403);
        String mergeId = as(ADMIN).body("{\"survivorId\":\"" + ours + "\",\"mergedId\":\"" + theirs
                + "\",\"reason\":\"same child\"}").post("/merges").then().statusCode(201).extract().path("mergeId");
        as(LA_MANAGER).body("{}").post("/merges/" + mergeId + "/unmerge").then().statusCode(403);
        as(OTHER_LA_MANAGER).body("{}").post("/merges/" + mergeId + "/unmerge").then().statusCode(403);
        as(ADMIN).body("{}").post("/merges/" + mergeId + "/unmerge").then().statusCode(200);

        // Nothing was changed by the refused requests; the own team and administrators still act.
        as(LA_MANAGER).get("/children/" + ours).then().statusCode(200).body("status", equalTo("ACTIVE"))
                .body("preferredName", nullValue()).body("shield", nullValue())
                .body("responsibleLocalAuthority", equalTo(Scenario.LA));
        as(OTHER_LA_MANAGER).get("/children/" + theirs).then().statusCode(200);
        as(LA_MANAGER).body("{\"preferredName\":\"Seun\"}").patch("/children/" + ours).then().statusCode(200)
                .body("preferredName", equalTo("Seun"));
        as(ADMIN).body("{\"preferredName\":\"Cress\"}").patch("/children/" + theirs).then().statusCode(200)
                .body("preferredName", equalTo("Cress"));
        // A management token without a local authority acts for none.
        String noLa = TestTokens.bearer("la-manager-without-la", "la-management");
        as(noLa).get("/children/" + ours).then().statusCode(403);
    }

    @Test
    void caseManagementAndFeedsAreNotShownTheRecordTheyChange() {
        String id = register("Perpetua", "Achterberg", "2015-12-01", "RC-1");
        as(LA_MANAGER).body("{\"reason\":\"fled domestic abuse\",\"reviewDate\":\""
                + LocalDate.now().plusMonths(6) + "\"}").put("/children/" + id + "/shield").then().statusCode(200);

        String patched = as(CASE_SYSTEM).body("{\"address\":{\"lines\":[\"9 Refuge Road\"],\"postcode\":\"SW1A 1AA\"}}")
                .patch("/children/" + id).then().statusCode(200).body("contactPointId", equalTo(id))
                .body("version", equalTo(3)).extract().asString();
        assertThat(patched).doesNotContain("SW1A").doesNotContain("Refuge").doesNotContain("domestic abuse")
                .doesNotContain("Achterberg");
        String flagged = as(FEED).body("{\"vulnerabilities\":[\"CHILDRENS_SOCIAL_CARE_FLAG\"]}")
                .put("/children/" + id + "/vulnerabilities").then().statusCode(200).body("version", equalTo(4))
                .extract().asString();
        assertThat(flagged).doesNotContain("SW1A").doesNotContain("domestic abuse");
        String died = as(FEED).body("{\"dateOfDeath\":\"" + LocalDate.now().minusDays(2) + "\"}")
                .put("/children/" + id + "/death").then().statusCode(200).body("version", equalTo(5))
                .extract().asString();
        assertThat(died).doesNotContain("SW1A").doesNotContain("domestic abuse").doesNotContain("DECEASED");
        // The management team still sees the full record.
        as(LA_MANAGER).get("/children/" + id).then().statusCode(200)
                .body("whereabouts.address.postcode", equalTo("SW1A 1AA"))
                .body("shield.reason", equalTo("fled domestic abuse"));

        // A change that names no field is refused and makes no new version.
        String other = register("Hieronymus", "Achterberg-Vos", "2014-01-09", "RC-2");
        as(CASE_SYSTEM).body("{}").patch("/children/" + other).then().statusCode(400)
                .contentType("application/problem+json");
        as(LA_MANAGER).body("{}").patch("/children/" + other).then().statusCode(400);
        as(LA_MANAGER).get("/children/" + other).then().statusCode(200).body("version", equalTo(1));

        // A case-management system corrects only the children its own registrations created or were linked to.
        String otherSystem = TestTokens.bearer("other-case-system", "case-management");
        as(otherSystem).body("{\"preferredName\":\"Hiro\"}").patch("/children/" + other).then().statusCode(403)
                .contentType("application/problem+json");
        String fromFeed = as(FEED).body(record("Ottoline", "Achterberg-Ruiz", "2013-05-06", "N1 1AA",
                "HEALTH_DEMOGRAPHICS", "RC-3").toString()).post("/source-records").then().statusCode(201)
                .extract().path("contactPointId");
        as(CASE_SYSTEM).body("{\"preferredName\":\"Otto\"}").patch("/children/" + fromFeed).then().statusCode(403);
        as(CASE_SYSTEM).body("{\"preferredName\":\"Hiero\"}").patch("/children/" + other).then().statusCode(200)
                .body("version", equalTo(2));
    }

    @Test
    void mergeResolvesOneIdToTheOtherAndUnmergeRestoresBothExactly() throws Exception {
        String survivor = register("Kofi", "Mensah", "2015-01-20", "M-1");
        // Registered under a name and date different enough that matching created a second record.
        String duplicate = as(CASE_SYSTEM).body(record("Kwabena", "Owusu", "2015-10-02", "E8 3BB", "LA_CASE_SYSTEM",
                "M-2").toString()).post("/children").then().statusCode(201).extract().path("contactPointId");
        Map<String, Object> survivorBefore = as(LA_MANAGER).get("/children/" + survivor).then().extract()
                .jsonPath().getMap("");
        Map<String, Object> duplicateBefore = as(LA_MANAGER).get("/children/" + duplicate).then().extract()
                .jsonPath().getMap("");

        String mergeId = as(LA_MANAGER).body("{\"survivorId\":\"" + survivor + "\",\"mergedId\":\"" + duplicate
                        + "\",\"reason\":\"same child, surname misspelt\"}")
                .post("/merges").then().statusCode(201).extract().path("mergeId");
        as(LA_MANAGER).get("/children/" + duplicate).then().statusCode(200)
                .body("contactPointId", equalTo(survivor)).body("resolvedFrom", equalTo(duplicate))
                .body("identifiers.value", hasItem("M-2"));
        JsonNode merged = lastEvent(duplicate, ChildEventTypes.MERGED);
        assertThat(merged.path("status").asText()).isEqualTo("MERGED");
        assertThat(merged.path("mergedInto").asText()).isEqualTo(survivor);
        // The merged record's source now resolves to the survivor.
        as(CASE_SYSTEM).body(record("Kwabena", "Owusu", "2015-10-02", "E8 3BB", "LA_CASE_SYSTEM", "M-2").toString())
                .post("/children").then().statusCode(200).body("contactPointId", equalTo(survivor));
        as(LA_MANAGER).body("{}").patch("/children/" + duplicate).then().statusCode(409);

        as(LA_MANAGER).body("{}").post("/merges/" + mergeId + "/unmerge").then().statusCode(200);
        Map<String, Object> survivorAfter = as(LA_MANAGER).get("/children/" + survivor).then().extract()
                .jsonPath().getMap("");
        Map<String, Object> duplicateAfter = as(LA_MANAGER).get("/children/" + duplicate).then().extract()
                .jsonPath().getMap("");
        for (String field : List.of("version", "updatedAt")) {
            survivorBefore.remove(field);
            survivorAfter.remove(field);
            duplicateBefore.remove(field);
            duplicateAfter.remove(field);
        }
        assertThat(survivorAfter).isEqualTo(survivorBefore);
        assertThat(duplicateAfter).isEqualTo(duplicateBefore);
        JsonNode unmerged = lastEvent(duplicate, ChildEventTypes.UNMERGED);
        assertThat(unmerged.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(unmerged.has("mergedInto")).isFalse();
        assertThat(unmerged.path("version").asLong()).isGreaterThan(merged.path("version").asLong());
        as(LA_MANAGER).body("{}").post("/merges/" + mergeId + "/unmerge").then().statusCode(409);
        as(LA_MANAGER).body("{}").post("/merges/not-a-uuid/unmerge").then().statusCode(400);
        assertNameCountsAgreeWithTheIndex();
    }

    @Test
    void aChildMergedIntoAChildThatIsMergedLaterNamesTheFinalSurvivor() throws Exception {
        String first = register("Ebenezer", "Quartey", "2012-04-03", "CH-1");
        String second = register("Hyacinth", "Blomqvist", "2013-08-19", "CH-2");
        String third = register("Torquil", "Macaskill", "2011-11-27", "CH-3");
        as(LA_MANAGER).body("{\"survivorId\":\"" + second + "\",\"mergedId\":\"" + first
                + "\",\"reason\":\"same child\"}").post("/merges").then().statusCode(201);
        String laterMerge = as(LA_MANAGER).body("{\"survivorId\":\"" + third + "\",\"mergedId\":\"" + second
                + "\",\"reason\":\"same child again\"}").post("/merges").then().statusCode(201)
                .extract().path("mergeId");

        // Registered (1), merged into the second (2), then published again naming the third (3): no chain to follow.
        assertThat(eventAtVersion(first, ChildEventTypes.MERGED, 2).path("mergedInto").asText()).isEqualTo(second);
        JsonNode renamed = eventAtVersion(first, ChildEventTypes.MERGED, 3);
        assertThat(renamed.path("status").asText()).isEqualTo("MERGED");
        assertThat(renamed.path("mergedInto").asText()).isEqualTo(third);
        as(LA_MANAGER).get("/children/" + first).then().statusCode(200)
                .body("contactPointId", equalTo(third)).body("resolvedFrom", equalTo(first));

        // Undoing the later merge gives the first child back to the second.
        as(LA_MANAGER).body("{}").post("/merges/" + laterMerge + "/unmerge").then().statusCode(200);
        assertThat(eventAtVersion(first, ChildEventTypes.MERGED, 4).path("mergedInto").asText()).isEqualTo(second);
        as(LA_MANAGER).get("/children/" + first).then().statusCode(200).body("contactPointId", equalTo(second));
    }

    @Test
    void newIdentityIsLinkedToTheOldOnlyUnderSeal() throws Exception {
        String old = register("Precious", "Adebayo", "2019-06-11", "N-1");
        as(LA_MANAGER).body("{\"parentsCarers\":[{\"name\":\"Grace Adebayo\",\"relationship\":\"mother\","
                + "\"parentalResponsibility\":true}]}").patch("/children/" + old).then().statusCode(200);
        // A new identity always takes a new name (issue 16 item 7: the old one would lead old records to it).
        String fresh = as(LA_MANAGER).body("{\"reason\":\"adoption order\",\"givenNames\":\"Ngozi\","
                        + "\"familyName\":\"Carter\"}")
                .post("/children/" + old + "/new-identity").then().statusCode(201)
                .body("name.familyName", equalTo("Carter")).body("sealedLinks", nullValue())
                .extract().path("contactPointId");
        assertThat(fresh).isNotEqualTo(old);
        as(LA_MANAGER).get("/children/" + old).then().statusCode(200).body("status", equalTo("CLOSED"));
        as(LA_MANAGER).get("/children/" + fresh + "/sealed-links").then().statusCode(403);
        as(SEALED).get("/children/" + fresh + "/sealed-links").then().statusCode(200)
                .body("[0].direction", equalTo("PREVIOUS_IDENTITY")).body("[0].contactPointId", equalTo(old))
                .body("[0].reason", equalTo("adoption order"));
        as(SEALED).get("/children/" + old).then().statusCode(200)
                .body("sealedLinks[0].contactPointId", equalTo(fresh));

        JsonNode closed = lastEvent(old, ChildEventTypes.CLOSED);
        // The new identity is published later, on its own (issue 16 item 7; SealedNewIdentityTest).
        release.release(java.time.Instant.now().plus(java.time.Duration.ofHours(73)));
        JsonNode registered = lastEvent(fresh, ChildEventTypes.REGISTERED);
        assertThat(closed.toString()).doesNotContain(fresh);
        // The closed identity keeps no trace of where the child lives, who cares for them, or their identifiers.
        assertThat(closed.path("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("whereabouts").isMissingNode() || closed.path("whereabouts").isNull()).isTrue();
        assertThat(closed.path("parentsCarers").size()).isZero();
        assertThat(closed.path("identifiers").size()).isZero();
        assertThat(closed.toString()).doesNotContain("N1 1AA").doesNotContain("Grace Adebayo")
                .doesNotContain("N-1");
        // No audit record ties the two identities together either.
        assertThat(Scenario.audits(old, "VIEW_SEALED_LINKS")).isNotEmpty()
                .allSatisfy(a -> assertThat(a.toString()).doesNotContain(fresh));
        assertThat(Scenario.audits(fresh, "VIEW_SEALED_LINKS")).isNotEmpty()
                .allSatisfy(a -> assertThat(a.toString()).doesNotContain(old));
        assertThat(registered.toString()).doesNotContain(old).doesNotContain("Adebayo");
        // Nothing on the child topic ever ties the two together.
        assertThat(Scenario.childEvents(fresh, read -> !read.isEmpty())).noneMatch(r -> r.value().contains(old));
        // A record under the old source id goes to the sealed-records team, never silently to either identity, and
        // its submitter learns nothing (issue 16 item 7: it was a REVIEW in the submitter's authority's queue).
        as(CASE_SYSTEM).body(record("Precious", "Adebayo", "2019-06-11", "N1 1AA", "LA_CASE_SYSTEM", "N-1")
                .toString()).post("/children").then().statusCode(202).body("outcome", equalTo("ACCEPTED_PENDING"))
                .body("reviewId", nullValue());
    }

    @Test
    void retentionArchivesAtEighteenOrTwentyFiveAYearAfterDeathAndPurgesSixYearsLater() throws Exception {
        LocalDate today = LocalDate.now();
        String turning18 = register("Imogen", "Featherstonehaugh", today.minusYears(18).plusDays(10).toString(),
                "R-1");
        String careLeaver = register("Rupert", "Cholmondeley", today.minusYears(18).plusDays(12).toString(),
                "R-2");
        String died = register("Cecily", "Marjoribanks", "2015-05-05", "R-3");
        as(LA_MANAGER).body("{\"reason\":\"CARE_LEAVER\"}").put("/children/" + careLeaver + "/retention")
                .then().statusCode(200).body("retention.retainUntilAge", equalTo(25));
        as(LA_MANAGER).body("{\"dateOfDeath\":\"" + today.minusDays(340) + "\"}").put("/children/" + died + "/death")
                .then().statusCode(200);

        retention.run(today);
        as(LA_MANAGER).get("/children/" + turning18).then().body("status", equalTo("ACTIVE"));
        as(LA_MANAGER).get("/children/" + died).then().body("status", equalTo("DECEASED"));

        retention.run(today.plusDays(30));
        as(LA_MANAGER).get("/children/" + turning18).then().body("status", equalTo("ARCHIVED"))
                .body("retention.archivedOn", equalTo(today.plusDays(30).toString()));
        as(LA_MANAGER).get("/children/" + careLeaver).then().body("status", equalTo("ACTIVE"));
        as(LA_MANAGER).get("/children/" + died).then().body("status", equalTo("ARCHIVED"));
        assertThat(lastEvent(turning18, ChildEventTypes.ARCHIVED).path("status").asText()).isEqualTo("ARCHIVED");

        // Six years pass for the archived record.
        try (Connection c = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres")) {
            c.createStatement().executeUpdate("UPDATE child SET archived_on = archived_on - INTERVAL '6 years'"
                    + " WHERE contact_point_id = '" + turning18 + "'");
        }
        retention.run(today.plusDays(30));
        as(LA_MANAGER).get("/children/" + turning18).then().statusCode(404);
        as(LA_MANAGER).get("/children/" + died).then().statusCode(200);
        List<ConsumerRecord<String, String>> events = Scenario.childEvents(turning18,
                read -> read.stream().anyMatch(r -> r.value() == null));
        ConsumerRecord<String, String> tombstone = events.get(events.size() - 1);
        assertThat(tombstone.value()).isNull();
        assertThat(TestKafkaClient.header(tombstone, CloudEventHeaders.TYPE)).isEqualTo(ChildEventTypes.PURGED);
        try (Connection c = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres")) {
            var rs = c.createStatement().executeQuery("SELECT (SELECT count(*) FROM child_source_identifier i"
                    + " WHERE i.value = 'R-1') + (SELECT count(*) FROM match_decision WHERE source_record_id = 'R-1')");
            rs.next();
            assertThat(rs.getLong(1)).as("identifiers and decisions left after purge").isZero();
        }
        assertNameCountsAgreeWithTheIndex();
    }

    /**
     * Matching scores a name by how many children carry it; those counts are kept beside the index rather than
     * counted each time, so after merges, closures and purges they must still be exactly what counting would give.
     */
    private static void assertNameCountsAgreeWithTheIndex() throws Exception {
        try (Connection c = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres")) {
            var rs = c.createStatement().executeQuery("SELECT count(*), (SELECT count(*) FROM match_key_frequency"
                    + " WHERE children > 0) FROM (SELECT key, count(*) AS n FROM child_match_key"
                    + " WHERE key LIKE 'fx:%' OR key LIKE 'gx:%' OR key LIKE 'bx:%' OR key LIKE 'cx:%' GROUP BY key) counted"
                    + " FULL JOIN (SELECT key, children FROM match_key_frequency WHERE children > 0) kept USING (key)"
                    + " WHERE counted.n IS DISTINCT FROM kept.children");
            rs.next();
            assertThat(rs.getLong(2)).as("names counted").isPositive();
            assertThat(rs.getLong(1)).as("names whose kept count differs from the index").isZero();
        }
    }

    private static String register(String given, String family, String dob, String sourceId) {
        return as(CASE_SYSTEM).body(record(given, family, dob, "N1 1AA", "LA_CASE_SYSTEM", sourceId).toString())
                .post("/children").then().statusCode(201).extract().path("contactPointId");
    }

    private static String with(ObjectNode node, String field, String rawJson) {
        String text = node.toString();
        return text.substring(0, text.length() - 1) + ",\"" + field + "\":" + rawJson + "}";
    }

    private static void record400(Object body, String field) {
        as(CASE_SYSTEM).body(body.toString()).post("/children").then().log().ifValidationFails().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem(field));
    }
}
