package org.contactpoint.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.contactpoint.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.audit.Fixtures.WORKING_HOURS;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** For the child and the people protecting them: who looked, and telling the local authority when it matters. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ChildAccessTest {

    static final String AUDITOR = TestTokens.bearer("auditor", "auditor");
    /** An auditor reading the trail states why (every read of personal data does). */
    static final Map<String, String> AS_AUDITOR = Map.of("Authorization", AUDITOR, "X-Purpose-Of-Use", "ADMINISTRATION");
    static final String PURPOSE = "X-Purpose-Of-Use";

    @Test
    void subjectAccessReportListsEveryAccessAndWithholdsAShieldedChildsDetails() {
        String child = Fixtures.newChildId();
        String sibling = Fixtures.newChildId();
        child(child, 1, true, List.of(), "E09000019");
        AuditEvent search = new AuditEvent(UUID.randomUUID().toString(), WORKING_HOURS, "search-gateway",
                Fixtures.actor("gp", "Dr Alan Reid"), "SEARCH", "SUCCESS", "DIRECT_CARE",
                Map.of("familyName", "Okafor", "postcode", "EC1R 4SR"), List.of(child, sibling), 2, null, true,
                List.of());
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, search);
        AuditEvent view = Fixtures.view("teacher", "Ms Priya Shah", WORKING_HOURS.plusSeconds(60), child, true,
                "Emergency admission to Whittington Hospital A&E", List.of());
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, view);
        awaitRecords(child, 2);
        Fixtures.await("child projected", Duration.ofSeconds(30), () -> la(child).equals("E09000019"));

        String json = given().headers(AS_AUDITOR)
                .accept("application/json")
                .get("/children/" + child + "/access-report").then().statusCode(200)
                .body("childId", equalTo(child)).body("shielded", equalTo(true))
                .extract().asString();
        JsonNode report = Fixtures.tree(json);
        JsonNode gp = report.path("accesses").findParents("userId").stream()
                .filter(a -> a.path("userId").asText().equals("gp")).findFirst().orElseThrow();
        // Issue 16 item 5: a shielded child's viewers' organisations (a school or surgery says where the child lives)
        // and break-glass reasons (a hospital, a town) are withheld; who, when, what, why and how many stay.
        assertThat(gp.path("organisation").isTextual()).isFalse();
        assertThat(gp.path("organisationCode").isTextual()).isFalse();
        assertThat(gp.path("occurredAt").asText()).isEqualTo(WORKING_HOURS.toString());
        assertThat(gp.path("purpose").asText()).isEqualTo("DIRECT_CARE");
        assertThat(gp.path("detailsWithheld").asBoolean()).isTrue();
        assertThat(gp.path("otherChildren").asInt()).isEqualTo(1);
        JsonNode teacher = report.path("accesses").findParents("userId").stream()
                .filter(a -> a.path("userId").asText().equals("teacher")).findFirst().orElseThrow();
        assertThat(teacher.path("brokeGlass").asBoolean()).isTrue();
        assertThat(teacher.path("breakGlassReason").isTextual()).isFalse();
        assertThat(teacher.path("occurredAt").asText()).isEqualTo(view.occurredAt().toString());
        assertThat(json).doesNotContain("EC1R", "Okafor", sibling, "Hillside", "URN100001", "Whittington");
        assertThat(report.path("accesses").findValuesAsText("userId")).contains("gp", "teacher");

        given().headers(AS_AUDITOR).accept("text/html")
                .get("/children/" + child + "/access-report").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("Dr Alan Reid"), containsString("Ms Priya Shah"), containsString("withheld"),
                        not(containsString("EC1R")), not(containsString(sibling)), not(containsString("Hillside")),
                        not(containsString("Whittington")));

        // A child who is not shielded: the organisation and the reason are shown.
        String open = Fixtures.newChildId();
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, Fixtures.view("teacher", "Ms Priya Shah", WORKING_HOURS, open,
                false, "Emergency admission to Whittington Hospital A&E", List.of()));
        awaitRecords(open, 1);
        given().headers(AS_AUDITOR).accept("application/json")
                .get("/children/" + open + "/access-report").then().statusCode(200)
                .body("accesses.find { it.userId == 'teacher' }.organisation", equalTo("Hillside Primary School"))
                .body("accesses.find { it.userId == 'teacher' }.breakGlassReason",
                        equalTo("Emergency admission to Whittington Hospital A&E"))
                .body("accesses.find { it.userId == 'teacher' }.brokeGlass", equalTo(true));

        // The reports are themselves accesses, in the trail; only auditors may ask for them.
        given().headers(AS_AUDITOR).queryParam("childId", child)
                .queryParam("action", "ACCESS_REPORT")
                .get("/audit-records").then().statusCode(200).body("totalRecords", equalTo(2));
        given().header("X-Purpose-Of-Use", "ADMINISTRATION").header("Authorization", TestTokens.bearer("teacher", "practitioner")).header(PURPOSE, "DIRECT_CARE")
                .get("/children/" + child + "/access-report").then().statusCode(403);
        given().headers(AS_AUDITOR)
                .get("/children/not-an-id/access-report").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("childId"));
    }

    @Test
    void theLeadProfessionalSeesTheMostRecent25AccessesAndNobodyElseDoes() {
        String child = Fixtures.newChildId();
        MisuseRulesTest.involvement(child, "URN100001", true);
        MisuseRulesTest.involvement(child, "F83999", false);
        for (int i = 0; i < 27; i++) {
            Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, Fixtures.view("gp", "Dr Alan Reid",
                    WORKING_HOURS.plusSeconds(i), child, false, null, List.of()));
        }
        awaitRecords(child, 27);
        String lead = "Bearer " + TestTokens.user("head-teacher").roles("practitioner")
                .organisation("Hillside Primary School", "URN100001").sign();
        Fixtures.await("lead professional projected", Duration.ofSeconds(30), () -> given()
                .header("X-Purpose-Of-Use", "DIRECT_CARE").header("Authorization", lead).get("/children/" + child + "/recent-accesses").statusCode() == 200);

        given().header("X-Purpose-Of-Use", "DIRECT_CARE").header("Authorization", lead).get("/children/" + child + "/recent-accesses").then().statusCode(200)
                .body("size()", equalTo(25))
                .body("[0].occurredAt", equalTo(WORKING_HOURS.plusSeconds(26).toString()))
                .body("[0].name", equalTo("Dr Alan Reid")).body("[0].action", equalTo("VIEW_RECORD"))
                .body("[0].organisation", equalTo("Hillside Primary School"))
                .body("[0].organisationWithheld", equalTo(false));

        String otherOrganisation = "Bearer " + TestTokens.user("gp").roles("practitioner")
                .organisation("Rosebery Medical Practice", "F83999").sign();
        given().header("X-Purpose-Of-Use", "DIRECT_CARE").header("Authorization", otherOrganisation).get("/children/" + child + "/recent-accesses").then()
                .statusCode(403).contentType("application/problem+json");
        // The refusal is in the trail.
        given().headers(AS_AUDITOR).queryParam("childId", child).queryParam("action", "RECENT_ACCESSES")
                .get("/audit-records").then().body("records.event.outcome", org.hamcrest.Matchers.hasItem("DENIED"));
    }

    @Test
    void recentAccessesShowTheViewersRolesNotTheirOrganisationForAShieldedChildOrASensitiveService() {
        String lead = "Bearer " + TestTokens.user("head-teacher").roles("practitioner")
                .organisation("Hillside Primary School", "URN100001").sign();

        // Shielded: the surgery a shielded child is registered with would say where the child now lives. The view
        // itself did not show a shielded child (the shield came later); the child is shielded now, so withheld.
        String shielded = Fixtures.newChildId();
        child(shielded, 1, true, List.of(), "E09000019");
        MisuseRulesTest.involvement(shielded, "URN100001", true);
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, viewBy(shielded, "Quiet Lane Surgery", "Q12345",
                WORKING_HOURS));
        awaitRecords(shielded, 1);
        Fixtures.await("shielded child projected", Duration.ofSeconds(30), () -> la(shielded).equals("E09000019"));
        Fixtures.await("lead professional projected", Duration.ofSeconds(30), () -> given()
                .header("X-Purpose-Of-Use", "DIRECT_CARE").header("Authorization", lead).get("/children/" + shielded + "/recent-accesses").statusCode() == 200);
        String json = given().header("X-Purpose-Of-Use", "DIRECT_CARE").header("Authorization", lead).get("/children/" + shielded + "/recent-accesses")
                .then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].name", equalTo("Dr Moss"))
                .body("[0].organisation", org.hamcrest.Matchers.nullValue())
                .body("[0].organisationWithheld", equalTo(true))
                .body("[0].roles", equalTo(List.of("practitioner")))
                .extract().asString();
        assertThat(json).doesNotContain("Quiet Lane", "Q12345");

        // A sensitive service (configured in %test: SENSITIVE-TEST-1) is never named, even for a child not shielded;
        // an ordinary service still is.
        String child = Fixtures.newChildId();
        MisuseRulesTest.involvement(child, "URN100001", true);
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, viewBy(child, "Brook Sexual Health", "SENSITIVE-TEST-1",
                WORKING_HOURS));
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, viewBy(child, "Quiet Lane Surgery", "Q12345",
                WORKING_HOURS.plusSeconds(1)));
        awaitRecords(child, 2);
        Fixtures.await("lead professional projected", Duration.ofSeconds(30), () -> given()
                .header("X-Purpose-Of-Use", "DIRECT_CARE").header("Authorization", lead).get("/children/" + child + "/recent-accesses").statusCode() == 200);
        String both = given().header("X-Purpose-Of-Use", "DIRECT_CARE").header("Authorization", lead).get("/children/" + child + "/recent-accesses")
                .then().statusCode(200)
                .body("size()", equalTo(2))
                .body("[0].organisation", equalTo("Quiet Lane Surgery"))
                .body("[0].organisationWithheld", equalTo(false))
                .body("[1].organisation", org.hamcrest.Matchers.nullValue())
                .body("[1].organisationWithheld", equalTo(true))
                .body("[1].roles", equalTo(List.of("practitioner")))
                .extract().asString();
        assertThat(both).doesNotContain("Brook", "SENSITIVE-TEST-1");
    }

    private static AuditEvent viewBy(String child, String organisation, String organisationCode, Instant at) {
        return new AuditEvent(UUID.randomUUID().toString(), at, "search-gateway",
                new AuditEvent.Actor("gp", "Dr Moss", List.of("practitioner"), organisation, organisationCode,
                        "E09000019"),
                "VIEW_RECORD", "SUCCESS", "DIRECT_CARE", Map.of("contactPointId", child), List.of(child), 1, null,
                false, List.of());
    }

    @Test
    void viewingAProtectedChildsRecordNotifiesTheResponsibleLocalAuthority() {
        String child = Fixtures.newChildId();
        String other = Fixtures.newChildId();
        child(child, 1, false, List.of(ChildEvent.Vulnerability.CHILD_PROTECTION_PLAN), "E09000033");
        child(child, 2, false, List.of(ChildEvent.Vulnerability.CHILD_PROTECTION_PLAN), "E09000019");
        Fixtures.await("child projected", Duration.ofSeconds(30), () -> la(child).equals("E09000019"));

        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, Fixtures.view("gp", "Dr Alan Reid", WORKING_HOURS, other,
                false, null, List.of()));
        AuditEvent search = Fixtures.search("gp", "Dr Alan Reid", "Okafor", WORKING_HOURS, child);
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, new AuditEvent(search.eventId(), search.occurredAt(),
                search.service(), search.actor(), search.action(), search.outcome(), search.purpose(), search.query(),
                search.childIds(), 1, null, false, List.of(child)));
        AuditEvent view = Fixtures.view("gp", "Dr Alan Reid", WORKING_HOURS.plusSeconds(5), child, false, null,
                List.of(child));
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, view);

        // Delivered to the child's own authority's inbox (not on a topic), the search not counted as a view.
        String la = AccessNotificationInboxTest.laManager("islington-team", "E09000019");
        Fixtures.await("notification delivered", Duration.ofSeconds(30), () -> inbox(la).stream()
                .anyMatch(n -> n.path("contactPointId").asText().equals(child)));
        List<JsonNode> notifications = inbox(la).stream()
                .filter(n -> n.path("contactPointId").asText().equals(child)).toList();
        assertThat(notifications).hasSize(1);
        JsonNode notification = notifications.get(0);
        assertThat(notification.path("vulnerabilities").get(0).asText()).isEqualTo("CHILD_PROTECTION_PLAN");
        assertThat(notification.path("viewer").path("name").asText()).isEqualTo("Dr Alan Reid");
        assertThat(notification.path("viewedAt").asText()).isEqualTo(view.occurredAt().toString());
        assertThat(inbox(la)).noneMatch(n -> n.path("contactPointId").asText().equals(other));

        // A purge (tombstone) forgets the child.
        TestKafkaClient.send(Topics.IDENTITY_CHILDREN, child, null, Map.of(CloudEventHeaders.ID,
                UUID.randomUUID().toString(), CloudEventHeaders.TYPE, ChildEventTypes.PURGED));
        Fixtures.await("child forgotten", Duration.ofSeconds(30), () -> la(child).isEmpty());
        assertThat(inbox(la)).noneMatch(n -> n.path("contactPointId").asText().equals(child));
    }

    private static List<JsonNode> inbox(String token) {
        List<JsonNode> found = new java.util.ArrayList<>();
        Fixtures.tree(given().header("X-Purpose-Of-Use", "ADMINISTRATION").header("Authorization", token).header("X-Purpose-Of-Use", "SAFEGUARDING")
                .queryParam("size", 200).get("/access-notifications").then().statusCode(200).extract().asString())
                .path("notifications").forEach(found::add);
        return found;
    }

    @Test
    void malformedChildAndInvolvementEventsAreDeadLettered() {
        String child = Fixtures.newChildId();
        TestKafkaClient.send(Topics.IDENTITY_CHILDREN, child, "{\"contactPointId\": 12", Map.of(
                CloudEventHeaders.ID, UUID.randomUUID().toString(), CloudEventHeaders.TYPE, ChildEventTypes.UPDATED));
        TestKafkaClient.send(Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID, child, "{\"contactPointId\":\"" + child + "\"}",
                Map.of(CloudEventHeaders.ID, UUID.randomUUID().toString(), CloudEventHeaders.TYPE,
                        "involvement.involvement.started.v1"));
        for (String topic : List.of(Topics.IDENTITY_CHILDREN, Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID)) {
            var dead = TestKafkaClient.readUntil(Topics.deadLetter(topic), Duration.ofSeconds(30),
                    rs -> rs.stream().anyMatch(r -> child.equals(r.key())));
            var record = dead.stream().filter(r -> child.equals(r.key())).findFirst()
                    .orElseThrow(() -> new AssertionError("nothing dead-lettered on " + topic));
            assertThat(TestKafkaClient.header(record, CloudEventHeaders.DEAD_LETTER_REASON)).as(topic).isNotBlank();
        }
        assertThat(la(child)).isEmpty();
    }

    private static void child(String id, long version, boolean shielded, List<ChildEvent.Vulnerability> flags,
                              String la) {
        ChildEvent event = new ChildEvent(id, version, ChildEvent.ChildStatus.ACTIVE, null,
                new ChildEvent.PersonName("Amara", "Okafor"), List.of(), null, LocalDate.of(2016, 3, 14),
                ChildEvent.Gender.FEMALE, null, null, List.of(), List.of(), la,
                shielded ? new ChildEvent.Shield(Instant.parse("2026-01-01T00:00:00Z"), LocalDate.of(2027, 1, 1)) : null,
                flags, Instant.parse("2026-11-01T00:00:00Z"));
        TestKafkaClient.send(Topics.IDENTITY_CHILDREN, id, Fixtures.json(event), Map.of(CloudEventHeaders.ID,
                UUID.randomUUID().toString(), CloudEventHeaders.TYPE, ChildEventTypes.UPDATED));
    }

    /** The responsible LA audit-service holds for the child; empty when it holds none. */
    private static String la(String child) {
        try (var c = Fixtures.superuser(); var rs = c.createStatement().executeQuery(
                "SELECT responsible_local_authority FROM child_profile WHERE child_id = '" + child + "'")) {
            return rs.next() ? rs.getString(1) : "";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitRecords(String child, int count) {
        Fixtures.await(count + " records for " + child, Duration.ofSeconds(30), () -> given()
                .headers(AS_AUDITOR).queryParam("childId", child).queryParam("userId", "gp")
                .get("/audit-records").then().extract().<Integer>path("totalRecords")
                + given().headers(AS_AUDITOR).queryParam("childId", child).queryParam("userId", "teacher")
                .get("/audit-records").then().extract().<Integer>path("totalRecords") >= count);
    }
}
