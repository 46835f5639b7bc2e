package org.contactpoint.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.contactpoint.gateway.application.LookupQuota;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.Topics;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.events.involvement.InvolvementEvent;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.gateway.GatewayFixtures.as;
import static org.contactpoint.gateway.GatewayFixtures.await;
import static org.contactpoint.gateway.GatewayFixtures.heldVersion;
import static org.contactpoint.gateway.GatewayFixtures.involvementCount;
import static org.contactpoint.gateway.GatewayFixtures.newContactPointId;
import static org.contactpoint.gateway.GatewayFixtures.sendChild;
import static org.contactpoint.gateway.GatewayFixtures.sendInvolvement;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** What the law says to hide stays hidden, break-glass is possible but loud, and bulk harvesting is stopped. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ShieldingAndMisuseTest {

    @Inject
    LookupQuota quota;

    @Inject
    TestClock clock;

    private static final List<String> HIDDEN = List.of("Hidden Lane", "Hiddentown", "N7 9QQ", "N79QQ",
            "020 7946 0777", "Secret Primary", "URN-SECRET", "020 7946 0888", "secret.example");

    @Test
    void shieldedChildsLocationNeverReachesPractitionersOrAuditUnlessTheGlassIsBroken() throws Exception {
        String family = GatewayFixtures.uniqueFamilyName("Hart");
        LocalDate dob = GatewayFixtures.uniqueDateOfBirth();
        String shielded = newContactPointId();
        sendChild(new ChildEvent(shielded, 1, ChildEvent.ChildStatus.ACTIVE, null,
                new ChildEvent.PersonName("Ella", family), List.of(), null, dob, ChildEvent.Gender.FEMALE, null,
                new ChildEvent.Whereabouts(ChildEvent.Whereabouts.Kind.CURRENT_ADDRESS,
                        new ChildEvent.Address(List.of("7 Hidden Lane"), "Hiddentown", "N7 9QQ"), null),
                List.of(new ChildEvent.ParentCarer("Jo " + family, "MOTHER", true, "020 7946 0777",
                        "jo@secret.example", null)),
                List.of(), "E09000019", new ChildEvent.Shield(Instant.now(), dob.plusYears(20)),
                List.of(ChildEvent.Vulnerability.CHILD_PROTECTION_PLAN), Instant.now()), ChildEventTypes.SHIELDED);
        sendInvolvement(new InvolvementEvent(UUID.randomUUID().toString(), shielded, 1,
                InvolvementEvent.Status.ACTIVE, "SCHOOL", false,
                new InvolvementEvent.Organisation("Secret Primary", "URN-SECRET"),
                new InvolvementEvent.Practitioner("Ms Dee", "Designated Safeguarding Lead"),
                new InvolvementEvent.Contact("020 7946 0888", "dsl@secret.example"), LocalDate.of(2021, 9, 1), null,
                true, true, "agency-system", Instant.now()));
        // A child at the same postcode, not shielded: the postcode search itself works.
        String neighbour = newContactPointId();
        ChildEvent base = GatewayFixtures.child(neighbour, 1, "Maya", family, dob.minusYears(2));
        sendChild(new ChildEvent(neighbour, 1, ChildEvent.ChildStatus.ACTIVE, null, base.name(), List.of(), null,
                base.dateOfBirth(), ChildEvent.Gender.FEMALE, null,
                new ChildEvent.Whereabouts(ChildEvent.Whereabouts.Kind.CURRENT_ADDRESS,
                        new ChildEvent.Address(List.of("9 Open Road"), "London", "N7 9QQ"), null),
                List.of(), List.of(), "E09000019", null, List.of(), Instant.now()), ChildEventTypes.REGISTERED);
        await("both children", () -> heldVersion(shielded) == 1 && heldVersion(neighbour) == 1
                && involvementCount(shielded) == 1);

        // Found by visible fields...
        as("teacher-shield", "practitioner").queryParam("familyName", family).queryParam("dateOfBirth", dob.toString())
                .get("/children").then().statusCode(200)
                .body("matches.contactPointId", contains(shielded)).body("matches[0].shielded", equalTo(true));
        // ...never by the hidden postcode.
        as("teacher-shield", "practitioner").queryParam("familyName", family).queryParam("gender", "FEMALE")
                .queryParam("postcode", "N7 9QQ").get("/children").then().statusCode(200)
                .body("matches.contactPointId", contains(neighbour));

        String teacherView = as("teacher-shield", "practitioner").get("/children/" + shielded)
                .then().statusCode(200)
                .body("shielded", equalTo(true)).body("locationWithheld", equalTo(true))
                .body("whereabouts", nullValue())
                // The responsible local authority names the area she lives in (issue 16, item 5).
                .body("responsibleLocalAuthority", nullValue())
                .body("involvements", hasSize(1))
                .body("involvements[0].serviceType", equalTo("SCHOOL"))
                .body("involvements[0].organisation", nullValue())
                .body("involvements[0].note", equalTo(
                        "Details withheld: this child is shielded — contact via the LA management team"))
                .extract().asString();
        assertThat(HIDDEN).noneMatch(teacherView::contains);
        // The social worker sees the same, until they break the glass with a reason.
        String socialWorkerView = as("social-worker-shield", "practitioner", "child-protection")
                .get("/children/" + shielded).then().statusCode(200)
                .body("responsibleLocalAuthority", nullValue()).extract().asString();
        assertThat(HIDDEN).noneMatch(socialWorkerView::contains);

        // Break-glass: refused without the role, refused without a real reason.
        as("teacher-shield", "practitioner").header("X-Break-Glass-Reason", "I would like to know where she lives")
                .get("/children/" + shielded).then().statusCode(403).contentType("application/problem+json");
        as("social-worker-shield", "practitioner", "child-protection").header("X-Break-Glass-Reason", "urgent")
                .get("/children/" + shielded).then().statusCode(400)
                .body("errors[0].field", equalTo("X-Break-Glass-Reason"));
        String reason = "Section 47 enquiry: child reported missing tonight, police request";
        as("social-worker-shield", "practitioner", "child-protection").header("X-Break-Glass-Reason", reason)
                .get("/children/" + shielded).then().statusCode(200)
                .body("breakGlass", equalTo(true)).body("locationWithheld", equalTo(false))
                .body("whereabouts.address.postcode", equalTo("N7 9QQ"))
                .body("responsibleLocalAuthority", equalTo("E09000019"))
                .body("involvements[0].organisation.name", equalTo("Secret Primary"))
                .body("parentsCarers[0].phone", equalTo("020 7946 0777"));

        // Audit records are keyed by event id, so they spread over the partitions: read until the four about the
        // shielded child have all arrived (the break-glass one alone may come first), not until the last one does.
        List<ConsumerRecord<String, String>> audits = TestKafkaClient.readUntil(Topics.GATEWAY_AUDIT_EVENTS,
                Duration.ofSeconds(20), read -> read.stream().anyMatch(r -> r.value().contains(reason))
                        && read.stream().anyMatch(r -> r.value().contains("I would like to know where she lives"))
                        && read.stream().anyMatch(r -> isTeachersSearchFor(r.value(), shielded))
                        && read.stream().filter(r -> r.value().contains(shielded)).count() >= 4);
        List<String> aboutShielded = audits.stream().map(ConsumerRecord::value)
                .filter(v -> v.contains(shielded)).toList();
        assertThat(aboutShielded).hasSizeGreaterThanOrEqualTo(4);
        // No audit record about the shielded child carries its location (the auditors are practitioners too).
        for (String audit : aboutShielded) {
            assertThat(HIDDEN).as(audit).noneMatch(audit::contains);
        }
        // The teacher's attempt to break the glass was refused, and recorded as such.
        JsonNode refused = GatewayFixtures.JSON.readTree(aboutShielded.stream()
                .filter(v -> v.contains("I would like to know where she lives")).findFirst().orElseThrow());
        assertThat(refused.path("outcome").asText()).isEqualTo("DENIED");
        assertThat(refused.path("actor").path("userId").asText()).isEqualTo("teacher-shield");
        JsonNode breakGlass = GatewayFixtures.JSON.readTree(aboutShielded.stream().filter(v -> v.contains(reason))
                .findFirst().orElseThrow());
        assertThat(breakGlass.path("breakGlassReason").asText()).isEqualTo(reason);
        assertThat(breakGlass.path("shieldedAccessed").asBoolean()).isTrue();
        assertThat(breakGlass.path("protectedChildIds").toString()).contains(shielded);
        assertThat(breakGlass.path("actor").path("userId").asText()).isEqualTo("social-worker-shield");
        // The teacher's search that found her says so too: shielded and on a child-protection plan.
        JsonNode search = GatewayFixtures.JSON.readTree(aboutShielded.stream()
                .filter(v -> isTeachersSearchFor(v, shielded)).findFirst().orElseThrow());
        assertThat(search.path("childIds").toString()).contains(shielded);
        assertThat(search.path("shieldedAccessed").asBoolean()).isTrue();
        assertThat(search.path("protectedChildIds").toString()).contains(shielded);
    }

    private static boolean isTeachersSearchFor(String audit, String shielded) {
        return audit.contains(shielded) && audit.contains("\"SEARCH\"") && audit.contains("teacher-shield")
                && audit.contains("dateOfBirth");
    }

    @Test
    void quotaExhaustionGives429WithRetryAfter() {
        String unknown = newContactPointId();
        // 30 a minute are allowed, counted per calendar minute: the clock is held in one so that no boundary passes.
        try (TestClock.Hold held = clock.hold()) {
            int answered = 0;
            int status = 200;
            int attempts = 0;
            // A 503 (the broker slow to acknowledge the audit record on a loaded machine) is not answered and not
            // counted: ask again, as a client would.
            while ((status == 200 || status == 503) && answered < 70 && attempts++ < 200) {
                status = as("quota-user", "practitioner").queryParam("contactPointId", unknown).get("/children")
                        .then().extract().statusCode();
                answered += status == 200 ? 1 : 0;
            }
            assertThat(status).as("the lookup after the quota is used up").isEqualTo(429);
            assertThat(answered).isEqualTo(30);
            as("quota-user", "practitioner").queryParam("contactPointId", unknown).get("/children")
                    .then().statusCode(429).contentType("application/problem+json")
                    .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                    .body("status", equalTo(429));
            var limited = as("quota-user", "practitioner").get("/children/" + unknown).then().statusCode(429)
                    .extract();
            int retryAfter = Integer.parseInt(limited.header("Retry-After"));
            assertThat(retryAfter).isBetween(1, 61);
            // Which quota, how large, and that nothing of it is left until the window resets (issue 20).
            assertThat(limited.header("RateLimit-Policy")).isEqualTo("\"minute\";q=30;w=60");
            assertThat(limited.header("RateLimit")).matches("\"minute\";r=0;t=[0-9]+");
        }
        // The refusals are audited, so harvesting attempts show up.
        // Other tests' users are refused for their quotas too: read until this user's refusal has arrived.
        List<ConsumerRecord<String, String>> audits = TestKafkaClient.readUntil(Topics.GATEWAY_AUDIT_EVENTS,
                Duration.ofSeconds(20), read -> read.stream().anyMatch(r -> r.value().contains("\"quota-user\"")
                        && r.value().contains("quota exceeded")));
        assertThat(audits).anyMatch(r -> r.value().contains("\"quota-user\"") && r.value().contains("\"DENIED\""));
        // Another user is unaffected.
        as("quota-other-user", "practitioner").queryParam("contactPointId", unknown).get("/children")
                .then().statusCode(200);
    }

    @Test
    void lookupFailsClosedWhenItsAuditRecordCannotBeWritten() {
        String id = newContactPointId();
        sendChild(GatewayFixtures.child(id, 1, "Noah", GatewayFixtures.uniqueFamilyName("Reed"),
                GatewayFixtures.uniqueDateOfBirth()), ChildEventTypes.REGISTERED);
        await("child", () -> heldVersion(id) == 1);
        // The audit record goes straight to the broker now (issue 19), not through the outbox: it fails when the
        // broker cannot acknowledge it, and the answer is 503 (was 500 when the outbox table could not be written).
        GatewayFixtures.refuseAcknowledgements(Topics.GATEWAY_AUDIT_EVENTS, true);
        try {
            as("teacher-audit-down", "practitioner").get("/children/" + id)
                    .then().statusCode(503).contentType("application/problem+json")
                    .body(not(org.hamcrest.Matchers.containsString("Noah")));
        } finally {
            GatewayFixtures.refuseAcknowledgements(Topics.GATEWAY_AUDIT_EVENTS, false);
        }
        as("teacher-audit-down", "practitioner").get("/children/" + id).then().statusCode(200)
                .body("name.givenNames", equalTo("Noah"));
        // The failed lookup was not counted either: it was given back to the quota.
        assertThat(quota.today("teacher-audit-down")).isEqualTo(1);
    }
}
