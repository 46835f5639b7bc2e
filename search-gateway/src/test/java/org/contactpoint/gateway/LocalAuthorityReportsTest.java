package org.contactpoint.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.Topics;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.contactpoint.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.gateway.GatewayFixtures.await;
import static org.contactpoint.gateway.GatewayFixtures.involvement;
import static org.contactpoint.gateway.GatewayFixtures.queryLong;
import static org.contactpoint.gateway.GatewayFixtures.sendChild;
import static org.contactpoint.gateway.GatewayFixtures.sendInvolvement;

/**
 * Issue 23: the LA team's reports of children falling through the gaps, over real PostgreSQL and Kafka. A child moved
 * in without a school appears on the reports and leaves them when a school involvement arrives; only the token's own
 * authority's children are listed; every page read is on the audit topic naming the children shown; the
 * children-missing-education CSV is a bulk disclosure with a daily quota.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class LocalAuthorityReportsTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BASE = "/local-authority-reports/";

    @Test
    void aChildMovedInWithoutASchoolIsReportedUntilASchoolInvolvementArrives() {
        String la = newLocalAuthority();
        String elsewhere = newLocalAuthority();
        LocalDate schoolAge = LocalDate.now().minusYears(10);
        String family = GatewayFixtures.uniqueFamilyName("Moved");

        // Registered elsewhere, then moved to this authority.
        String mover = GatewayFixtures.newContactPointId();
        ChildEvent registered = inAuthority(GatewayFixtures.child(mover, 1, "Ada", family, schoolAge), 1, elsewhere,
                null, Instant.now().minus(Duration.ofDays(400)));
        sendChild(registered, ChildEventTypes.REGISTERED);
        Instant movedAt = Instant.now().minus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        sendChild(inAuthority(registered, 2, la, elsewhere, movedAt), ChildEventTypes.MOVED_LOCAL_AUTHORITY);
        // Always lived here, of school age, with a school: on no school report.
        String settled = GatewayFixtures.newContactPointId();
        sendChild(inAuthority(GatewayFixtures.child(settled, 1, "Bea", family, schoolAge), 1, la, null,
                Instant.now()), ChildEventTypes.REGISTERED);
        sendInvolvement(involvement(UUID.randomUUID().toString(), settled, 1, "SCHOOL", "Hillside Primary School",
                "Ms Reyes", "020 7946 0100"));
        // Another authority's child with no school: never on this authority's reports.
        String other = GatewayFixtures.newContactPointId();
        sendChild(inAuthority(GatewayFixtures.child(other, 1, "Cal", family, schoolAge), 1, elsewhere, null,
                Instant.now()), ChildEventTypes.REGISTERED);
        // Three years old with no school: not of compulsory school age, but on the no-GP report.
        String toddler = GatewayFixtures.newContactPointId();
        sendChild(inAuthority(GatewayFixtures.child(toddler, 1, "Dot", family, LocalDate.now().minusYears(3)), 1,
                la, null, Instant.now()), ChildEventTypes.REGISTERED);
        await("the move recorded", () -> queryLong(
                "SELECT count(*) FROM local_authority_residence WHERE contact_point_id = ? AND version = 2",
                mover) == 1);
        await("the children held", () -> GatewayFixtures.heldVersion(toddler) == 1
                && GatewayFixtures.heldVersion(other) == 1 && GatewayFixtures.heldVersion(mover) == 2
                && GatewayFixtures.involvementCount(settled) == 1);

        // The registration again (a replay, under a new message id): older than the move, it changes nothing.
        String replay = sendChild(registered, ChildEventTypes.REGISTERED);
        await("the replay taken", () -> GatewayFixtures.inboxCount(replay) == 1);

        JsonNode movedIn = rows(lead(la).get(BASE + "children-moved-in-without-school-or-gp"));
        assertThat(ids(movedIn)).containsExactly(mover);
        JsonNode row = movedIn.get(0);
        assertThat(row.path("givenNames").asText()).isEqualTo("Ada");
        assertThat(row.path("familyName").asText()).isEqualTo(family);
        assertThat(row.path("dateOfBirth").asText()).isEqualTo(schoolAge.toString());
        assertThat(row.path("age").asInt()).isEqualTo(10);
        assertThat(row.path("postcode").asText()).isEqualTo("EC1R 4SR");
        assertThat(row.path("previousLocalAuthority").asText()).isEqualTo(elsewhere);
        assertThat(Instant.parse(row.path("movedInAt").asText())).isEqualTo(movedAt);
        assertThat(row.path("serviceTypes").size()).isZero();

        assertThat(ids(rows(lead(la).get(BASE + "children-without-school")))).containsExactly(mover);
        assertThat(ids(rows(lead(la).get(BASE + "children-without-gp"))))
                .containsExactlyInAnyOrder(mover, settled, toddler);

        // A school takes the child on: off both school reports; the GP report still lists them.
        sendInvolvement(involvement(UUID.randomUUID().toString(), mover, 1, "SCHOOL", "Hillside Primary School",
                "Ms Reyes", "020 7946 0100"));
        await("the school involvement", () -> GatewayFixtures.involvementCount(mover) == 1);
        assertThat(ids(rows(lead(la).get(BASE + "children-without-school")))).isEmpty();
        assertThat(ids(rows(lead(la).get(BASE + "children-moved-in-without-school-or-gp")))).isEmpty();
        JsonNode withoutGp = rows(lead(la).get(BASE + "children-without-gp"));
        assertThat(ids(withoutGp)).containsExactlyInAnyOrder(mover, settled, toddler);
        assertThat(withoutGp.findValues("serviceTypes").toString()).contains("SCHOOL");

        // Every page read is on the audit topic, naming the children it showed.
        List<ConsumerRecord<String, String>> audits = TestKafkaClient.readUntil(Topics.GATEWAY_AUDIT_EVENTS,
                Duration.ofSeconds(30), read -> reportReads(read, la).size() >= 6);
        List<JsonNode> reads = reportReads(audits, la);
        assertThat(reads).hasSize(6);
        // The topic has several partitions: the two reads of the moved-in report may be read in either order.
        List<JsonNode> movedInReads = reads.stream()
                .filter(a -> a.path("query").path("report").asText().equals("children-moved-in-without-school-or-gp"))
                .toList();
        assertThat(movedInReads).extracting(a -> a.path("childIds").toString())
                .containsExactlyInAnyOrder("[\"" + mover + "\"]", "[]");
        JsonNode first = movedInReads.get(0);
        assertThat(first.path("purpose").asText()).isEqualTo("ADMINISTRATION");
        assertThat(first.path("actor").path("localAuthority").asText()).isEqualTo(la);
    }

    @Test
    void pagesFollowTheCommonStyleAndOnlyTheLocalAuthorityTeamWithAPurposeMayRead() {
        String la = newLocalAuthority();
        String family = GatewayFixtures.uniqueFamilyName("Paged");
        List<String> children = List.of(GatewayFixtures.newContactPointId(), GatewayFixtures.newContactPointId(),
                GatewayFixtures.newContactPointId());
        for (String id : children) {
            sendChild(inAuthority(GatewayFixtures.child(id, 1, "Eve", family, LocalDate.now().minusYears(8)), 1, la,
                    null, Instant.now()), ChildEventTypes.REGISTERED);
        }
        await("the children held", () -> children.stream().allMatch(id -> GatewayFixtures.heldVersion(id) == 1));

        Response first = lead(la).queryParam("size", 2).get(BASE + "children-without-school");
        first.then().statusCode(200).header("Link", org.hamcrest.Matchers.containsString("rel=\"next\""))
                .header("X-Lookup-Id", org.hamcrest.Matchers.notNullValue());
        Response second = lead(la).queryParam("size", 2).queryParam("page", 1).get(BASE + "children-without-school");
        second.then().statusCode(200).header("Link", org.hamcrest.Matchers.nullValue());
        assertThat(ids(rows(first))).hasSize(2);
        assertThat(ids(rows(second))).hasSize(1);
        assertThat(ids(rows(first))).doesNotContainAnyElementsOf(ids(rows(second)));

        lead(la).queryParam("size", 0).get(BASE + "children-without-school").then().statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer " + TestTokens.user("la-lead-" + la).roles("la-management")
                .localAuthority(la).sign()).get(BASE + "children-without-gp").then().statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer " + TestTokens.user("teacher-" + la).roles("practitioner")
                        .localAuthority(la).sign()).header("X-Purpose-Of-Use", "ADMINISTRATION")
                .get(BASE + "children-without-gp").then().statusCode(403);
        given().header("Authorization", "Bearer " + TestTokens.user("no-la").roles("la-management").localAuthority(null).sign())
                .header("X-Purpose-Of-Use", "ADMINISTRATION").get(BASE + "children-without-gp").then()
                .statusCode(403).contentType("application/problem+json");
        given().get(BASE + "children-without-gp").then().statusCode(401);
    }

    @Test
    void theMissingEducationExportIsACsvAuditedAsABulkDisclosureWithADailyQuota() {
        String la = newLocalAuthority();
        String elsewhere = newLocalAuthority();
        String family = GatewayFixtures.uniqueFamilyName("Export");
        String mover = GatewayFixtures.newContactPointId();
        LocalDate born = LocalDate.now().minusYears(12);
        ChildEvent registered = inAuthority(GatewayFixtures.child(mover, 1, "=HYPERLINK(\"x\")", family, born), 1,
                elsewhere, null, Instant.now().minus(Duration.ofDays(30)));
        sendChild(registered, ChildEventTypes.REGISTERED);
        sendChild(inAuthority(registered, 2, la, elsewhere, Instant.parse("2026-11-20T10:00:00Z")),
                ChildEventTypes.MOVED_LOCAL_AUTHORITY);
        await("the move recorded", () -> queryLong(
                "SELECT count(*) FROM local_authority_residence WHERE contact_point_id = ? AND version = 2",
                mover) == 1 && GatewayFixtures.heldVersion(mover) == 2);

        Response export = lead(la).get(BASE + "children-missing-education.csv");
        export.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("attachment"));
        List<String> lines = export.asString().lines().toList();
        assertThat(lines.get(0)).isEqualTo(
                "contactPointId,givenNames,familyName,dateOfBirth,postcode,previousLocalAuthority,movedInAt");
        // A name a spreadsheet would run as a formula is written as text.
        assertThat(lines.get(1)).isEqualTo(mover + ",\"'=HYPERLINK(\"\"x\"\")\"," + family + "," + born
                + ",\"EC1R 4SR\"," + elsewhere + ",2026-11-20T10:00:00Z");
        assertThat(lines).hasSize(2);

        List<ConsumerRecord<String, String>> audits = TestKafkaClient.readUntil(Topics.GATEWAY_AUDIT_EVENTS,
                Duration.ofSeconds(30), read -> !exports(read, la).isEmpty());
        JsonNode disclosed = exports(audits, la).get(0);
        assertThat(disclosed.path("query").path("disclosure").asText()).isEqualTo("BULK");
        assertThat(disclosed.path("childIds").toString()).isEqualTo("[\"" + mover + "\"]");
        assertThat(disclosed.path("outcome").asText()).isEqualTo("SUCCESS");

        // Five a day (the default); the sixth is refused, and the refusal is audited too.
        for (int i = 2; i <= 5; i++) {
            lead(la).get(BASE + "children-missing-education.csv").then().statusCode(200);
        }
        lead(la).get(BASE + "children-missing-education.csv").then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", org.hamcrest.Matchers.notNullValue());
        // Another authority's quota is its own.
        lead(elsewhere).get(BASE + "children-missing-education.csv").then().statusCode(200);
        List<ConsumerRecord<String, String>> after = TestKafkaClient.readUntil(Topics.GATEWAY_AUDIT_EVENTS,
                Duration.ofSeconds(30), read -> exports(read, la).size() >= 6);
        assertThat(exports(after, la)).extracting(a -> a.path("outcome").asText())
                .containsExactlyInAnyOrder("SUCCESS", "SUCCESS", "SUCCESS", "SUCCESS", "SUCCESS", "DENIED");
    }

    private static ChildEvent inAuthority(ChildEvent child, long version, String la, String previous,
                                          Instant occurredAt) {
        return new ChildEvent(child.contactPointId(), version, child.status(), child.mergedInto(), child.name(),
                child.formerNames(), child.preferredName(), child.dateOfBirth(), child.gender(),
                child.dateOfDeath(), child.whereabouts(), child.parentsCarers(), child.identifiers(), la,
                child.shield(), child.vulnerabilities(), occurredAt, previous);
    }

    /** A local authority code no other test uses. */
    private static String newLocalAuthority() {
        return "E0" + (6000000 + RANDOM.nextInt(3999999));
    }

    private static RequestSpecification lead(String la) {
        return given().header("Authorization", "Bearer " + TestTokens.user("la-lead-" + la)
                        .roles("la-management").localAuthority(la).sign())
                .header("X-Purpose-Of-Use", "ADMINISTRATION");
    }

    private static JsonNode rows(Response response) {
        response.then().statusCode(200);
        try {
            return GatewayFixtures.JSON.readTree(response.asString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> ids(JsonNode rows) {
        return rows.findValuesAsText("contactPointId");
    }

    private static List<JsonNode> reportReads(List<ConsumerRecord<String, String>> records, String la) {
        return audited(records, la, "LA_REPORT");
    }

    private static List<JsonNode> exports(List<ConsumerRecord<String, String>> records, String la) {
        return audited(records, la, "LA_REPORT_EXPORT");
    }

    private static List<JsonNode> audited(List<ConsumerRecord<String, String>> records, String la, String action) {
        return records.stream().filter(r -> r.value() != null && r.value().contains(la)).map(r -> {
            try {
                return GatewayFixtures.JSON.readTree(r.value());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(a -> a.path("action").asText().equals(action)
                && la.equals(a.path("query").path("localAuthority").asText())).toList();
    }
}
