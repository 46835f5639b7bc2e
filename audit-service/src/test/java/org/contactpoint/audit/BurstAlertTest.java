package org.contactpoint.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.audit.application.ConsumedAccesses;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.audit.Fixtures.WORKING_HOURS;

/**
 * The search-burst rule's HIGH alert leaves with the poll that holds the search crossing the threshold (5 searches in
 * 10 minutes in tests), names that search as its last, and is raised once however the searches fall into polls. The
 * polls are given to the consumer's application service directly, so where one poll ends and the next begins is the
 * test's choice, not the broker's.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class BurstAlertTest {

    private static final int THRESHOLD = 5;

    private final ConsumedAccesses consumed;

    BurstAlertTest(ConsumedAccesses consumed) {
        this.consumed = consumed;
    }

    @Test
    void aBurstInsideOnePollAlertsOnceForTheSearchThatCrossedTheThreshold() {
        String user = unique("machine");
        // Nine searches within one minute, as a system client makes them: the fifth crosses the threshold.
        List<AuditEvent> searches = searches(user, 9, Duration.ofSeconds(5));
        chain(searches);

        JsonNode alert = onlyBurstAlertOf(user, searches);
        assertThat(alert.path("aggregate").path("lastSeenAt").asText())
                .isEqualTo(searches.get(THRESHOLD - 1).occurredAt().toString());
        assertThat(alert.path("aggregate").path("occurrences").asInt()).isEqualTo(THRESHOLD);
        assertThat(alert.path("recordSequences")).hasSize(THRESHOLD);
        assertThat(lastSequence(alert)).isEqualTo(sequenceOf(searches.get(THRESHOLD - 1)));
    }

    @Test
    void aBurstSpreadOverPollsAlertsOnceWhenItCrossesAndNotAgainInTheWindow() {
        String user = unique("burst");
        List<AuditEvent> searches = searches(user, 10, Duration.ofSeconds(30));
        chain(searches.subList(0, 3));
        assertThat(burstAlertRows(user)).isZero();
        // The second poll's second search is the fifth: the alert is committed with this poll.
        chain(searches.subList(3, 7));
        assertThat(burstAlertRows(user)).isEqualTo(1);
        chain(searches.subList(7, 10));

        JsonNode alert = onlyBurstAlertOf(user, searches);
        assertThat(alert.path("severity").asText()).isEqualTo("HIGH");
        assertThat(alert.path("aggregate").path("lastSeenAt").asText())
                .isEqualTo(searches.get(THRESHOLD - 1).occurredAt().toString());
        assertThat(lastSequence(alert)).isEqualTo(sequenceOf(searches.get(THRESHOLD - 1)));
        // The crossing search and the five after it are counted on the one alert, none raised again.
        assertThat(Fixtures.count("SELECT occurrences FROM misuse_alert WHERE rule = 'SEARCH_BURST' AND user_id = '"
                + user + "'")).isEqualTo(6);
    }

    private void chain(List<AuditEvent> events) {
        List<ConsumedAccesses.Consumed> poll = new ArrayList<>();
        for (AuditEvent event : events) {
            poll.add(new ConsumedAccesses.Consumed(event.eventId(), Topics.GATEWAY_AUDIT_EVENTS, event));
        }
        assertThat(consumed.chain(poll)).isEqualTo(events.size());
    }

    private static List<AuditEvent> searches(String user, int count, Duration apart) {
        List<AuditEvent> searches = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            searches.add(Fixtures.search(user, "Case Management System", "Smith",
                    WORKING_HOURS.plus(apart.multipliedBy(i)), Fixtures.newChildId()));
        }
        return searches;
    }

    /**
     * The user's alerts once a break-glass sentinel chained after the searches has been published (the relay keeps
     * outbox order, so every earlier alert is on the topic by then): exactly one search-burst alert, then the sentinel.
     */
    private JsonNode onlyBurstAlertOf(String user, List<AuditEvent> searches) {
        String sentinel = "sentinel " + UUID.randomUUID();
        chain(List.of(Fixtures.view(user, "Case Management System", searches.get(searches.size() - 1).occurredAt(),
                Fixtures.newChildId(), false, sentinel, List.of())));
        var read = TestKafkaClient.readUntil(Topics.AUDIT_ALERTS, Duration.ofSeconds(30),
                records -> records.stream().anyMatch(r -> r.value() != null && r.value().contains(sentinel)));
        List<JsonNode> alerts = read.stream().filter(r -> user.equals(r.key())).map(r -> Fixtures.tree(r.value()))
                .toList();
        assertThat(alerts.stream().map(a -> a.path("rule").asText()).toList())
                .containsExactly("SEARCH_BURST", "BREAK_GLASS");
        return alerts.get(0);
    }

    private static long burstAlertRows(String user) {
        return Fixtures.count("SELECT count(*) FROM misuse_alert WHERE rule = 'SEARCH_BURST' AND user_id = '" + user
                + "'");
    }

    private static long sequenceOf(AuditEvent event) {
        return Fixtures.count("SELECT sequence FROM audit_record WHERE event_id = '" + event.eventId() + "'");
    }

    private static long lastSequence(JsonNode alert) {
        JsonNode sequences = alert.path("recordSequences");
        long last = 0;
        for (JsonNode sequence : sequences) {
            last = Math.max(last, sequence.asLong());
        }
        return last;
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
