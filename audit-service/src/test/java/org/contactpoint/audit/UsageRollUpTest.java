package org.contactpoint.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.contactpoint.audit.application.usage.UsageRollUp;
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
import java.util.stream.StreamSupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23: the usage reports answer from the daily roll-up ({@code usage_daily_count}) for the records up to its
 * watermark and from the records after it, so that the figures are the same before and after a roll-up, include
 * accesses chained after it, and count each record once however often the roll-up runs. The roll-up is run here by
 * calling it, not by its schedule.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class UsageRollUpTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final List<String> FIGURES = List.of("lookups", "breakGlassAccesses", "shieldedAccesses",
            "refusals");

    @Inject
    UsageRollUp rollUp;

    @Test
    void theFiguresAreTheSameBeforeAndAfterARollUpAndNoRecordIsCountedTwice() {
        // A weekday in 2018 no other test uses, 10:00 in London.
        LocalDate day = LocalDate.of(2018, 1, 8).plusWeeks(ThreadLocalRandom.current().nextInt(45));
        Instant at = day.atTime(10, 0).atZone(LONDON).toInstant();
        String la = "E0" + ThreadLocalRandom.current().nextInt(6_000_000, 9_999_999);
        String org = "URN" + UUID.randomUUID().toString().substring(0, 8);
        String user = "rollup-" + UUID.randomUUID();
        String child = Fixtures.newChildId();

        for (int i = 0; i < 3; i++) {
            send(event(user, org, la, "SEARCH", at.plusSeconds(i)).children(List.of(child)).build());
        }
        send(event(user, org, la, "VIEW_RECORD", at.plusSeconds(10)).child(child)
                .breakGlass("Section 47 enquiry").shieldedAccessed(true).build());
        send(event(user, org, la, "SEARCH", at.plusSeconds(86_400)).outcome(AuditEvent.Outcome.DENIED).build());
        send(event(user, org, la, "SEARCH", at.plusSeconds(86_400 + 3_600)).build());
        awaitChained(org, 6);

        // Whole days, and a period of instants (10:00:05 on the day to 10:30 two days later: a part-day, a whole day
        // from the roll-up, a part-day).
        String from = day.toString();
        String to = day.plusDays(3).toString();
        String partFrom = at.plusSeconds(5).toString();
        String partTo = at.plusSeconds(2 * 86_400 + 1_800).toString();
        Map<String, List<String>> whole = figures(la, from, to);
        Map<String, List<String>> part = figures(la, partFrom, partTo);
        assertThat(whole.get("lookups")).containsExactly(day + " " + org + " 4", day.plusDays(1) + " " + org + " 1");
        assertThat(whole.get("breakGlassAccesses")).containsExactly(day + " " + org + " 1");
        assertThat(whole.get("shieldedAccesses")).containsExactly(day + " " + org + " 1");
        assertThat(whole.get("refusals")).containsExactly(day.plusDays(1) + " " + org + " 1");
        assertThat(part.get("lookups")).containsExactly(day + " " + org + " 1", day.plusDays(1) + " " + org + " 1");
        assertThat(part.get("refusals")).containsExactly(day.plusDays(1) + " " + org + " 1");

        rolledUpPast(org);
        assertThat(rolledUp(org, "LOOKUP")).isEqualTo(5);
        assertThat(figures(la, from, to)).isEqualTo(whole);
        assertThat(figures(la, partFrom, partTo)).isEqualTo(part);
        // England's figures hold the organisation's too, from the roll-up.
        assertThat(national(from, to)).contains(day + " " + org + " 4", day.plusDays(1) + " " + org + " 1");

        // Run again: nothing new to count, nothing counted twice.
        rollUp.rollUp();
        assertThat(rolledUp(org, "LOOKUP")).isEqualTo(5);
        assertThat(figures(la, from, to)).isEqualTo(whole);

        // Accesses chained after the roll-up, on days it has already counted: in the report at once, then rolled up.
        send(event(user, org, la, "SEARCH", at.plusSeconds(60)).build());
        send(event(user, org, la, "VIEW_RECORD", at.plusSeconds(86_400 + 60)).child(child).build());
        awaitChained(org, 8);
        Map<String, List<String>> later = figures(la, from, to);
        assertThat(later.get("lookups")).containsExactly(day + " " + org + " 5", day.plusDays(1) + " " + org + " 2");
        assertThat(later.get("refusals")).isEqualTo(whole.get("refusals"));
        Map<String, List<String>> laterPart = figures(la, partFrom, partTo);
        assertThat(laterPart.get("lookups")).containsExactly(day + " " + org + " 2",
                day.plusDays(1) + " " + org + " 2");

        rolledUpPast(org);
        rollUp.rollUp();
        assertThat(rolledUp(org, "LOOKUP")).isEqualTo(7);
        assertThat(figures(la, from, to)).isEqualTo(later);
        assertThat(figures(la, partFrom, partTo)).isEqualTo(laterPart);
    }

    /** Runs the roll-up until its watermark covers the organisation's records (a scheduled run may hold it a moment). */
    private void rolledUpPast(String org) {
        long last = Fixtures.count("SELECT max(sequence) FROM audit_record WHERE organisation_code = '" + org + "'");
        Fixtures.await("the roll-up past the organisation's records", Duration.ofSeconds(30),
                () -> rollUp.rollUp() >= last);
        assertThat(Fixtures.count("SELECT rolled_up_to FROM usage_roll_up_watermark")).isGreaterThanOrEqualTo(last);
    }

    private static long rolledUp(String org, String kind) {
        return Fixtures.count("SELECT coalesce(sum(accesses), 0) FROM usage_daily_count WHERE organisation_code = '"
                + org + "' AND kind = '" + kind + "'");
    }

    private static void awaitChained(String org, int records) {
        Fixtures.await("the accesses chained", Duration.ofSeconds(60), () -> Fixtures.count(
                "SELECT count(*) FROM audit_record WHERE organisation_code = '" + org + "'") == records);
    }

    private static Map<String, List<String>> figures(String la, String from, String to) {
        JsonNode report = Fixtures.tree(as("la-lead-" + la, la, "la-management").queryParam("from", from)
                .queryParam("to", to).get("/usage-reports").then().statusCode(200).extract().asString());
        return FIGURES.stream().collect(java.util.stream.Collectors.toMap(f -> f, f -> counts(report.path(f))));
    }

    private static List<String> national(String from, String to) {
        JsonNode report = Fixtures.tree(as("analyst-" + UUID.randomUUID(), null, "national-overview")
                .queryParam("from", from).queryParam("to", to).get("/usage-reports").then().statusCode(200)
                .extract().asString());
        return counts(report.path("lookups"));
    }

    private static AuditEvent.Builder event(String user, String org, String la, String action, Instant at) {
        return AuditEvent.builder(UUID.randomUUID().toString(), at, "search-gateway",
                        new AuditEvent.Actor(user, "Mr Rollup " + user, List.of("practitioner"), "School " + org, org,
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
        return StreamSupport.stream(daily.spliterator(), false)
                .map(d -> d.path("day").asText() + " " + d.path("organisationCode").asText() + " "
                        + d.path("count").asLong()).toList();
    }
}
