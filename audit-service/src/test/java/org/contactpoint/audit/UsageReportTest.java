package org.contactpoint.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23: usage reports with no personal data. The LA team sees its own organisations' lookups per day,
 * break-glass and shielded accesses, alerts by rule and refusals; national-overview sees England's; neither sees a
 * child's or a user's identity, and each read is chained.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class UsageReportTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void theLocalAuthorityTeamSeesItsOrganisationsUsageAndNationalOverviewSeesEngland() {
        // A weekday in 2019 no other test uses, 10:00 in London (inside working hours).
        LocalDate day = LocalDate.of(2019, 1, 7).plusWeeks(ThreadLocalRandom.current().nextInt(40));
        Instant at = day.atTime(10, 0).atZone(LONDON).toInstant();
        String la = "E0" + ThreadLocalRandom.current().nextInt(6_000_000, 9_999_999);
        String otherLa = "E0" + ThreadLocalRandom.current().nextInt(6_000_000, 9_999_999);
        String org = "URN" + UUID.randomUUID().toString().substring(0, 8);
        String otherOrg = "URN" + UUID.randomUUID().toString().substring(0, 8);
        String user = "usage-" + UUID.randomUUID();
        String other = "usage-" + UUID.randomUUID();
        String child = Fixtures.newChildId();

        for (int i = 0; i < 3; i++) {
            send(event(user, org, la, "SEARCH", at.plusSeconds(i)).children(List.of(child)).build());
        }
        send(event(user, org, la, "VIEW_RECORD", at.plusSeconds(10)).child(child)
                .breakGlass("Section 47 enquiry, child missing tonight").shieldedAccessed(true).build());
        send(event(user, org, la, "SEARCH", at.plusSeconds(86_400)).outcome(AuditEvent.Outcome.DENIED).build());
        send(event(other, otherOrg, otherLa, "SEARCH", at.plusSeconds(20)).child(child).build());
        Fixtures.await("the accesses chained", Duration.ofSeconds(60), () -> Fixtures.count(
                "SELECT count(*) FROM audit_record WHERE organisation_code IN ('" + org + "', '" + otherOrg + "')")
                == 6);
        Fixtures.await("the break-glass alert", Duration.ofSeconds(60), () -> Fixtures.count(
                "SELECT count(*) FROM misuse_alert WHERE user_id = '" + user + "' AND rule = 'BREAK_GLASS'") >= 1);

        String from = day.toString();
        String to = day.plusDays(2).toString();
        String body = as("la-lead-" + la, la, "la-management").queryParam("from", from).queryParam("to", to)
                .get("/usage-reports").then().statusCode(200).extract().asString();
        JsonNode report = Fixtures.tree(body);
        assertThat(report.path("localAuthority").asText()).isEqualTo(la);
        assertThat(counts(report.path("lookups"))).containsExactly(day + " " + org + " 4");
        assertThat(counts(report.path("breakGlassAccesses"))).containsExactly(day + " " + org + " 1");
        assertThat(counts(report.path("shieldedAccesses"))).containsExactly(day + " " + org + " 1");
        assertThat(counts(report.path("refusals"))).containsExactly(day.plusDays(1) + " " + org + " 1");
        assertThat(report.path("alertsByRule").findValuesAsText("rule")).contains("BREAK_GLASS", "SHIELDED_ACCESS");
        // No personal data: no child, no user.
        assertThat(body).doesNotContain(child).doesNotContain(user).doesNotContain(other);

        String national = as("analyst-" + UUID.randomUUID(), null, "national-overview").queryParam("from", from)
                .queryParam("to", to).get("/usage-reports").then().statusCode(200).extract().asString();
        JsonNode england = Fixtures.tree(national);
        assertThat(england.path("localAuthority").isNull()).isTrue();
        assertThat(counts(england.path("lookups"))).contains(day + " " + org + " 4", day + " " + otherOrg + " 1");
        assertThat(national).doesNotContain(child).doesNotContain(user);

        // Each read is chained as this service's own access.
        Fixtures.await("the reads chained", Duration.ofSeconds(30), () -> Fixtures.count(
                "SELECT count(*) FROM audit_record WHERE action = 'USAGE_REPORT' AND user_id = 'la-lead-" + la
                        + "'") == 1);
    }

    @Test
    void onlyTheTeamsWithAPeriodMayAsk() {
        as("teacher-usage", "E09000019", "practitioner").queryParam("from", "2019-01-01")
                .queryParam("to", "2019-02-01").get("/usage-reports").then().statusCode(403);
        as("la-usage", "E09000019", "la-management").queryParam("to", "2019-02-01").get("/usage-reports").then()
                .statusCode(400).contentType("application/problem+json");
        as("la-usage", "E09000019", "la-management").queryParam("from", "2019-01-01").queryParam("to", "2021-01-01")
                .get("/usage-reports").then().statusCode(400);
        as("la-usage-none", null, "la-management").queryParam("from", "2019-01-01").queryParam("to", "2019-02-01")
                .get("/usage-reports").then().statusCode(403);
    }

    private static AuditEvent.Builder event(String user, String org, String la, String action, Instant at) {
        return AuditEvent.builder(UUID.randomUUID().toString(), at, "search-gateway",
                        new AuditEvent.Actor(user, "Ms Usage " + user, List.of("practitioner"), "School " + org, org,
                                la))
                .action(action).purpose("DIRECT_CARE").query(Map.of("familyName", "Okafor"));
    }

    private static void send(AuditEvent event) {
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, event);
    }

    private static RequestSpecification as(String user, String la, String role) {
        TestTokens token = TestTokens.user(user).roles(role).organisation("Council", "LA-" + la).localAuthority(la);
        return given().header("Authorization", "Bearer " + token.sign());
    }

    private static List<String> counts(JsonNode daily) {
        return java.util.stream.StreamSupport.stream(daily.spliterator(), false)
                .map(d -> d.path("day").asText() + " " + d.path("organisationCode").asText() + " "
                        + d.path("count").asLong()).toList();
    }
}
