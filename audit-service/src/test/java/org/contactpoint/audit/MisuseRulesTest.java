package org.contactpoint.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.audit.application.AuditChain;
import org.contactpoint.audit.application.UnrelatedChildrenRule;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.audit.MisuseAlert;
import org.contactpoint.events.involvement.InvolvementEvent;
import org.contactpoint.events.involvement.InvolvementEventTypes;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.audit.Fixtures.WORKING_HOURS;

/**
 * Each misuse rule raises its alert on audit.alerts.v1, and ordinary work raises none. Every scenario uses its own
 * user; a break-glass view by that user is sent last as a sentinel, so once its alert is on the topic every earlier
 * event of the user has been judged.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class MisuseRulesTest {

    private final UnrelatedChildrenRule unrelatedChildren;
    private final DataSource dataSource;
    private final AuditChain chain;

    MisuseRulesTest(UnrelatedChildrenRule unrelatedChildren, DataSource dataSource, AuditChain chain) {
        this.unrelatedChildren = unrelatedChildren;
        this.dataSource = dataSource;
        this.chain = chain;
    }

    @Test
    void searchingForYourOwnFamilyNameAlertsButOtherSearchesDoNot() {
        String user = unique("shah");
        String name = "Ms Priya Shāh";
        send(Fixtures.search(user, name, "Okafor", WORKING_HOURS, Fixtures.newChildId()));
        String child = Fixtures.newChildId();
        send(Fixtures.search(user, name, "  SHAH ", WORKING_HOURS.plusSeconds(5), child));

        List<JsonNode> alerts = alertsAfterSentinel(user);
        assertThat(rules(alerts)).containsExactlyInAnyOrder("OWN_FAMILY_NAME", "BREAK_GLASS");
        JsonNode own = only(alerts, "OWN_FAMILY_NAME");
        assertThat(own.path("severity").asText()).isEqualTo("HIGH");
        assertThat(own.path("childIds").get(0).asText()).isEqualTo(child);
        assertThat(own.path("summary").asText()).contains(user, "own family name");
        assertThat(own.path("actor").path("organisationCode").asText()).isEqualTo("URN100001");
    }

    @Test
    void breakGlassAlwaysAlertsAndShieldedAccessAlerts() {
        String user = unique("glass");
        String child = Fixtures.newChildId();
        send(Fixtures.view(user, "Mr Ben Cole", WORKING_HOURS, child, true, "Child presented at A&E out of area",
                List.of()));
        List<JsonNode> alerts = alertsAfterSentinel(user);
        assertThat(rules(alerts)).containsExactlyInAnyOrder("BREAK_GLASS", "SHIELDED_ACCESS", "BREAK_GLASS");
        assertThat(summaries(alerts, "BREAK_GLASS")).anyMatch(s -> s.contains("Child presented at A&E out of area"));
        assertThat(only(alerts, "SHIELDED_ACCESS").path("severity").asText()).isEqualTo("MEDIUM");
    }

    @Test
    void lookupsOutsideWorkingHoursInLondonAlert() {
        String user = unique("night");
        // 06:59 on a Wednesday in London (GMT in November), a Saturday morning, and 19:59 (still working hours).
        send(Fixtures.search(user, "Mr Sam Hart", "Okafor", Instant.parse("2026-11-18T06:59:00Z"),
                Fixtures.newChildId()));
        send(Fixtures.search(user, "Mr Sam Hart", "Okafor", Instant.parse("2026-11-21T10:00:00Z"),
                Fixtures.newChildId()));
        send(Fixtures.search(user, "Mr Sam Hart", "Okafor", Instant.parse("2026-11-18T19:59:00Z"),
                Fixtures.newChildId()));
        // British Summer Time: 07:30 in London is 06:30Z, inside working hours.
        send(Fixtures.search(user, "Mr Sam Hart", "Okafor", Instant.parse("2026-07-15T06:30:00Z"),
                Fixtures.newChildId()));
        // A case-management system registering a child at night is not a lookup.
        send(new AuditEvent(UUID.randomUUID().toString(), Instant.parse("2026-11-18T02:00:00Z"), "identity-service",
                Fixtures.actor(user, "Mr Sam Hart"), "REGISTER_CHILD", "SUCCESS", null, Map.of(),
                List.of(Fixtures.newChildId()), 1, null, false, List.of()));

        List<JsonNode> alerts = alertsAfterSentinel(user);
        assertThat(rules(alerts)).containsExactlyInAnyOrder("OUT_OF_HOURS", "OUT_OF_HOURS", "BREAK_GLASS");
        assertThat(summaries(alerts, "OUT_OF_HOURS"))
                .anyMatch(s -> s.contains("Wed 18 Nov 2026 06:59 Europe/London"))
                .anyMatch(s -> s.contains("Sat 21 Nov 2026 10:00"));
    }

    @Test
    void repeatedLookupsInOneNightRaiseOneAlertThatCountsThem() throws SQLException {
        String user = unique("owl");
        // Five lookups in one out-of-hours period (Friday 20:00 to Monday 07:00 in London): one alert, counting five.
        for (int i = 0; i < 5; i++) {
            send(Fixtures.search(user, "Ms Ivy Owl", "Okafor", Instant.parse("2026-11-21T22:00:00Z").plusSeconds(600L * i),
                    Fixtures.newChildId()));
        }
        List<JsonNode> alerts = alertsAfterSentinel(user);
        assertThat(rules(alerts)).containsExactlyInAnyOrder("OUT_OF_HOURS", "BREAK_GLASS");
        // The alert names the first of the night's lookups audit-service judged: the events lie on different
        // partitions, so that is any of the five.
        assertThat(only(alerts, "OUT_OF_HOURS").path("summary").asText()).containsPattern("Sat 21 Nov 2026 22:[0-4]0");
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "SELECT occurrences, last_seen_at FROM misuse_alert WHERE user_id = ? AND rule = 'OUT_OF_HOURS'")) {
            select.setString(1, user);
            var rows = select.executeQuery();
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(5);
            assertThat(rows.getTimestamp(2).toInstant()).isEqualTo(Instant.parse("2026-11-21T22:40:00Z"));
            assertThat(rows.next()).as("one alert row").isFalse();
        }
    }

    @Test
    void aBurstOfSearchesAlertsOncePerWindow() {
        String user = unique("burst");
        // Five searches within ten minutes cross the threshold (5 in tests); the sixth is in the same window.
        for (int i = 0; i < 6; i++) {
            send(Fixtures.search(user, "Ms Ann Lee", "Smith", WORKING_HOURS.plusSeconds(60L * i),
                    Fixtures.newChildId()));
        }
        // Four searches spread over an hour are not a burst.
        String calm = unique("calm");
        for (int i = 0; i < 4; i++) {
            send(Fixtures.search(calm, "Mr Joe Kay", "Smith", WORKING_HOURS.plusSeconds(900L * i),
                    Fixtures.newChildId()));
        }
        List<JsonNode> alerts = alertsAfterSentinel(user);
        assertThat(rules(alerts)).containsExactlyInAnyOrder("SEARCH_BURST", "BREAK_GLASS");
        JsonNode burst = only(alerts, "SEARCH_BURST");
        assertThat(burst.path("recordSequences")).hasSize(5);
        // The alert says what it aggregates: the five searches that crossed the threshold, first and last.
        JsonNode aggregate = burst.path("aggregate");
        assertThat(aggregate.path("occurrences").asInt()).isEqualTo(5);
        // Which five of the six cross it depends on the order the poll judges them in (the user's events lie on
        // different partitions): five searches a minute apart, within the six's span.
        Instant first = Instant.parse(aggregate.path("firstSeenAt").asText());
        Instant last = Instant.parse(aggregate.path("lastSeenAt").asText());
        assertThat(first).isBetween(WORKING_HOURS, WORKING_HOURS.plusSeconds(60));
        assertThat(last).isBetween(WORKING_HOURS.plusSeconds(240), WORKING_HOURS.plusSeconds(300));
        assertThat(Duration.between(first, last)).isBetween(Duration.ofSeconds(240), Duration.ofSeconds(300));
        assertThat(burst.path("summary").asText()).contains("5 searches within 10 minutes");
        assertThat(rules(alertsAfterSentinel(calm))).containsExactly("BREAK_GLASS");
    }

    @Test
    void lookingUpManyChildrenWithNoInvolvementFollowingAlertsOnceGraceHasPassed() throws SQLException {
        Instant day = Instant.parse("2026-10-05T10:00:00Z");
        String roamer = unique("roamer");
        String worker = unique("worker");
        List<String> roamed = new ArrayList<>();
        List<String> workedWith = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            roamed.add(Fixtures.newChildId());
            workedWith.add(Fixtures.newChildId());
        }
        for (int i = 0; i < 4; i++) {
            send(Fixtures.view(roamer, "Mr Rob Moss", day.plusSeconds(60L * i), roamed.get(i), false, null, List.of()));
            send(Fixtures.view(worker, "Ms Kim Ng", day.plusSeconds(60L * i), workedWith.get(i), false, null, List.of()));
        }
        // The worker's school records involvements with all four children; another organisation records one of
        // the roamer's four, which does not make the roamer's lookups related.
        for (String child : workedWith) {
            involvement(child, "URN100001", false);
        }
        involvement(roamed.get(0), "F83999", false);
        alertsAfterSentinel(roamer);
        alertsAfterSentinel(worker);
        Fixtures.await("involvements projected", Duration.ofSeconds(30), () -> involvementsKnown(workedWith.get(3)));
        // The lookups were counted as their batches were chained (distinct children per user and day): judging reads
        // these counts, not the trail.
        String roamersDay = " FROM lookup_tally WHERE user_id = '" + roamer
                + "' AND window_start = '2026-10-05T00:00:00Z'";
        assertThat(Fixtures.count("SELECT children" + roamersDay)).isEqualTo(4);
        assertThat(Fixtures.count("SELECT lookups" + roamersDay)).isEqualTo(4);

        // Within the grace period nothing is judged; after it, the roamer's four unrelated children alert, once.
        assertThat(unrelatedChildren.evaluate(day.plus(Duration.ofDays(3)))).isZero();
        // Judged window: [now - 7 days grace - 1 day window, now - 7 days).
        Instant afterGrace = day.plus(Duration.ofDays(8)).minus(Duration.ofHours(1));
        // While another replica is judging the rule (it holds the rule's lock), this one raises nothing; with
        // several replicas the alert would otherwise be raised once per replica.
        try (Connection otherReplica = dataSource.getConnection()) {
            otherReplica.setAutoCommit(false);
            try (PreparedStatement lock = otherReplica.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, UnrelatedChildrenRule.JOB_KEY);
                lock.execute();
            }
            assertThat(unrelatedChildren.evaluate(afterGrace)).isZero();
            otherReplica.rollback();
        }
        assertThat(unrelatedChildren.evaluate(afterGrace)).isEqualTo(1);
        assertThat(unrelatedChildren.evaluate(afterGrace.plusSeconds(60))).isZero();

        List<JsonNode> alerts = Fixtures.valuesMentioning(Topics.AUDIT_ALERTS, "UNRELATED_CHILDREN", 1).stream()
                .filter(a -> a.path("actor").path("userId").asText().equals(roamer)).toList();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).path("childIds")).hasSize(4);
        JsonNode aggregate = alerts.get(0).path("aggregate");
        assertThat(aggregate.path("occurrences").asInt()).isEqualTo(4);
        assertThat(aggregate.path("firstSeenAt").asText()).isEqualTo(day.toString());
        assertThat(aggregate.path("lastSeenAt").asText()).isEqualTo(day.plusSeconds(180).toString());
        // A judged window is forgotten, its children with it.
        assertThat(Fixtures.count("SELECT count(*)" + roamersDay)).isZero();
        assertThat(Fixtures.count("SELECT count(*) FROM lookup_child WHERE user_id = '" + roamer
                + "' AND window_start = '2026-10-05T00:00:00Z'")).isZero();
        assertThat(Fixtures.valuesMentioning(Topics.AUDIT_ALERTS, "UNRELATED_CHILDREN", 1))
                .noneMatch(a -> a.path("actor").path("userId").asText().equals(worker));
    }

    @Test
    void aJudgedWindowsChildIsForgottenEvenWhenItsTallyIsAlreadyGone() throws SQLException {
        // A late lookup (a backlog, a replayed poll) can commit its child between the hourly forget's two deletes: the
        // tallies go, its child stays with no tally. The next judging must still forget it, by its window.
        String late = unique("late");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO lookup_child (user_id, window_start, child_id) VALUES (?, ?::timestamptz, ?)")) {
            insert.setString(1, late);
            insert.setString(2, "2026-09-01T00:00:00Z");
            insert.setString(3, Fixtures.newChildId());
            insert.executeUpdate();
        }
        String lateChildren = "SELECT count(*) FROM lookup_child WHERE user_id = '" + late + "'";
        assertThat(Fixtures.count(lateChildren)).isEqualTo(1);

        unrelatedChildren.evaluate(Instant.parse("2026-09-20T00:00:00Z"));

        assertThat(Fixtures.count(lateChildren)).isZero();
    }

    @Test
    void anAlertIsCommittedWithTheBatchThatTriggersItAndCarriesWhatItAggregates() {
        String user = unique("prompt");
        AuditEvent view = Fixtures.view(user, "Ms Dee Hale", WORKING_HOURS, Fixtures.newChildId(), false,
                "Child brought to the walk-in centre unconscious", List.of());
        send(view);
        // One statement, one snapshot: the moment the record is visible, so is its alert's outbox row (the relay, which
        // polls every 25 ms, then publishes it; no scheduler is involved).
        String snapshot = "SELECT (SELECT count(*) FROM audit_record WHERE event_id = '" + view.eventId() + "') * 10"
                + " + (SELECT count(*) FROM outbox_event WHERE aggregatetype = '" + Topics.AUDIT_ALERTS
                + "' AND aggregateid = '" + user + "' AND payload LIKE '%BREAK_GLASS%')";
        Fixtures.await("the view chained", Duration.ofSeconds(30), () -> Fixtures.count(snapshot) >= 10);
        assertThat(Fixtures.count(snapshot)).isEqualTo(11);
        JsonNode alert = Fixtures.valuesMentioning(Topics.AUDIT_ALERTS, user, 1).get(0);
        assertThat(alert.path("aggregate").path("occurrences").asInt()).isEqualTo(1);
        assertThat(alert.path("aggregate").path("firstSeenAt").asText()).isEqualTo(WORKING_HOURS.toString());
        assertThat(alert.path("aggregate").path("lastSeenAt").asText()).isEqualTo(WORKING_HOURS.toString());
    }

    @Test
    void aPollsAlertsArePublishedWithTheirContent() throws SQLException {
        // Out of hours, many practitioners at once, as the bench runs them: each one's first lookup of the night
        // raises its own alert; with a glass broken and an own family name searched in the same polls.
        Instant night = Instant.parse("2026-11-18T01:30:00Z");
        List<String> users = new ArrayList<>();
        List<AuditEvent> events = new ArrayList<>();
        for (int u = 0; u < 20; u++) {
            String user = unique("shift");
            users.add(user);
            for (int i = 0; i < 3; i++) {
                events.add(Fixtures.search(user, "Mr Tom Reed", "Okafor", night.plusSeconds(60L * i + u),
                        Fixtures.newChildId()));
            }
        }
        String glass = unique("glass");
        String glassChild = Fixtures.newChildId();
        events.add(Fixtures.view(glass, "Ms Jo Fry", WORKING_HOURS, glassChild, false, "Unconscious at the door",
                List.of()));
        String own = unique("own");
        events.add(Fixtures.search(own, "Mr Al Bell", "Bell", WORKING_HOURS, Fixtures.newChildId()));
        TestKafkaClient.sendAll(Topics.GATEWAY_AUDIT_EVENTS, events.stream().map(e -> new TestKafkaClient.Outgoing(
                e.eventId(), Fixtures.json(e), Map.of(CloudEventHeaders.ID, e.eventId(), CloudEventHeaders.TYPE,
                        AuditEvent.TYPE, CloudEventHeaders.SOURCE, "test"))).toList());

        List<String> everyone = new ArrayList<>(users);
        everyone.add(glass);
        everyone.add(own);
        var read = TestKafkaClient.readUntil(Topics.AUDIT_ALERTS, Duration.ofSeconds(60), records -> records.stream()
                .map(r -> r.key()).filter(everyone::contains).distinct().count() == everyone.size());
        List<JsonNode> alerts = read.stream().filter(r -> everyone.contains(r.key()))
                .peek(r -> assertThat(TestKafkaClient.header(r, CloudEventHeaders.TYPE)).isEqualTo(MisuseAlert.TYPE))
                .map(r -> Fixtures.tree(r.value())).toList();
        for (String user : users) {
            List<JsonNode> ofUser = alerts.stream().filter(a -> a.path("actor").path("userId").asText().equals(user))
                    .toList();
            assertThat(rules(ofUser)).as(user).containsExactly("OUT_OF_HOURS");
            JsonNode alert = ofUser.get(0);
            assertThat(alert.path("severity").asText()).isEqualTo("MEDIUM");
            assertThat(alert.path("summary").asText()).startsWith(user + " (Mr Tom Reed, Hillside Primary School) made"
                    + " a SEARCH outside working hours, at Wed 18 Nov 2026 01:3");
            assertThat(alert.path("actor").path("organisationCode").asText()).isEqualTo("URN100001");
            assertThat(alert.path("recordSequences")).hasSize(1);
            assertThat(alert.path("childIds")).hasSize(1);
            assertThat(alert.path("aggregate").path("occurrences").asInt()).isBetween(1, 3);
            assertThat(alert.path("alertId").asText()).isNotBlank();
            assertThat(alert.path("raisedAt").asText()).isNotBlank();
        }
        JsonNode broken = only(alerts.stream().filter(a -> a.path("actor").path("userId").asText().equals(glass))
                .toList(), "BREAK_GLASS");
        assertThat(broken.path("summary").asText()).isEqualTo(glass
                + " (Ms Jo Fry, Hillside Primary School) broke the glass on VIEW_RECORD: Unconscious at the door");
        assertThat(broken.path("childIds").get(0).asText()).isEqualTo(glassChild);
        assertThat(broken.path("aggregate").path("occurrences").asInt()).isEqualTo(1);
        JsonNode ownName = only(alerts.stream().filter(a -> a.path("actor").path("userId").asText().equals(own))
                .toList(), "OWN_FAMILY_NAME");
        assertThat(ownName.path("severity").asText()).isEqualTo("HIGH");
        // Stored as raised (the counting rule's alert with the night's three lookups, the others once each).
        assertThat(Fixtures.count("SELECT sum(occurrences) FROM misuse_alert WHERE rule = 'OUT_OF_HOURS' AND user_id"
                + " IN ('" + String.join("','", users) + "')")).isEqualTo(60);
        assertThat(Fixtures.count("SELECT count(*) FROM misuse_alert WHERE user_id IN ('" + glass + "','" + own
                + "')")).isEqualTo(2);

        String alertRows = "SELECT count(*) FROM outbox_event WHERE aggregatetype = 'audit.alerts.v1' AND aggregateid"
                + " IN ('" + String.join("','", everyone) + "')";
        assertThat(Fixtures.count(alertRows)).isEqualTo(everyone.size());
    }

    static void involvement(String child, String organisationCode, boolean lead) {
        involvement(child, organisationCode, lead, UUID.randomUUID().toString());
    }

    static void involvement(String child, String organisationCode, boolean lead, String id) {
        InvolvementEvent event = new InvolvementEvent(id, child, 1, InvolvementEvent.Status.ACTIVE, "EDUCATION",
                false, new InvolvementEvent.Organisation("Some organisation", organisationCode), null, null,
                LocalDate.of(2026, 9, 1), null, lead, false, "agency-system", Instant.parse("2026-10-06T09:00:00Z"));
        TestKafkaClient.send(Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID, id, Fixtures.json(event), Map.of(
                CloudEventHeaders.ID, id, CloudEventHeaders.TYPE, InvolvementEventTypes.STARTED));
    }

    private static boolean involvementsKnown(String child) {
        try (var c = Fixtures.superuser(); var rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM child_involvement WHERE child_id = '" + child + "'")) {
            rs.next();
            return rs.getLong(1) > 0;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many accesses each user has sent in this class, to know when audit-service has stored them all. */
    private static final Map<String, Integer> SENT = new java.util.concurrent.ConcurrentHashMap<>();

    private static void send(AuditEvent event) {
        SENT.merge(event.actor().userId(), 1, Integer::sum);
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, event);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Once every access the user sent is in the chain, sends a break-glass view by the user and returns all the user's
     * alerts once its alert has arrived. The accesses lie on different partitions (keyed by event id), so the sentinel
     * goes only after the others are stored: then its alert is the last of the user's in the outbox, and alerts are
     * keyed by user, so it is read after them.
     */
    private static List<JsonNode> alertsAfterSentinel(String user) {
        int sent = SENT.getOrDefault(user, 0);
        Fixtures.await("the user's " + sent + " accesses stored", Duration.ofSeconds(60),
                () -> Fixtures.count("SELECT count(*) FROM audit_record WHERE user_id = '" + user + "'") >= sent);
        String sentinel = "sentinel " + UUID.randomUUID();
        send(Fixtures.view(user, "Sentinel", WORKING_HOURS, Fixtures.newChildId(), false, sentinel, List.of()));
        var read = TestKafkaClient.readUntil(Topics.AUDIT_ALERTS, Duration.ofSeconds(30),
                records -> records.stream().anyMatch(r -> r.value().contains(sentinel)));
        assertThat(read).anyMatch(r -> r.value().contains(sentinel));
        assertThat(read).filteredOn(r -> r.value().contains(sentinel))
                .allMatch(r -> MisuseAlert.TYPE.equals(TestKafkaClient.header(r, CloudEventHeaders.TYPE))
                        && user.equals(r.key()));
        return read.stream().map(r -> Fixtures.tree(r.value()))
                .filter(a -> a.path("actor").path("userId").asText().equals(user)).toList();
    }

    /**
     * The one alert of that rule. The user's events are keyed by event id, as the services publish them, so they lie
     * on different partitions: one poll can judge them in any order, and alerts of different events have no order.
     */
    private static JsonNode only(List<JsonNode> alerts, String rule) {
        List<JsonNode> ofRule = alerts.stream().filter(a -> rule.equals(a.path("rule").asText())).toList();
        assertThat(ofRule).as("alerts of rule " + rule).hasSize(1);
        return ofRule.get(0);
    }

    private static List<String> summaries(List<JsonNode> alerts, String rule) {
        return alerts.stream().filter(a -> rule.equals(a.path("rule").asText()))
                .map(a -> a.path("summary").asText()).toList();
    }

    private static List<String> rules(List<JsonNode> alerts) {
        return alerts.stream().map(a -> a.path("rule").asText()).toList();
    }
}
