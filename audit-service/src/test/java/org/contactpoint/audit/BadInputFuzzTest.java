package org.contactpoint.audit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.security.HttpFuzzer;
import org.contactpoint.testing.TestTokens;
import org.contactpoint.testing.security.KafkaFuzzer;
import org.contactpoint.testing.security.RawHttpProbe;
import org.contactpoint.testing.security.SecurityMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * audit-service's share of the bad-input fuzz: hostile requests to every operation in its OpenAPI document, and
 * malformed records on every topic it reads interleaved with valid ones. No 5xx, no valid record lost, no stall.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class BadInputFuzzTest {

    private static final long SEED = 0xC0FFEE_04L;

    @TestHTTPResource("/")
    URI base;

    @Test
    void hostileRequestsNeverGetA5xx() {
        HttpFuzzer.Report report = HttpFuzzer.of(base, SEED).pathValue("childId", Fixtures.newChildId())
                .run(2000);
        assertThat(report.serverErrors()).as("5xx responses (%s)", report).isEmpty();
        assertThat(report.notProblemJson()).as("4xx responses that are not problem+json, e.g. %s",
                report.notProblemSamples()).isZero();
    }

    @Test
    void unstorableTextInAnyFieldOrParameterIsRefusedNamingIt() {
        assertThat(HttpFuzzer.of(base, SEED).pathValue("childId", Fixtures.newChildId()).unstorableTextFindings())
                .as("answers other than 400 problem+json naming the field").isEmpty();
    }

    @Test
    void oversizedRequestLineHeadersAndBodyAreRefusedWithAProblem() {
        RawHttpProbe.assertOversizedRefusedAsProblems(base, "/audit-records",
                TestTokens.user("probe").roles(SecurityMatrix.ALL_ROLES.toArray(String[]::new)).sign(),
                "audit-service");
    }

    @ParameterizedTest
    @ValueSource(strings = {Topics.GATEWAY_AUDIT_EVENTS, Topics.IDENTITY_AUDIT_EVENTS, Topics.INVOLVEMENT_AUDIT_EVENTS})
    void malformedAuditEventsAreDeadLetteredAndValidOnesAllStored(String topic) {
        List<String> eventIds = new ArrayList<>();
        KafkaFuzzer.Run run = KafkaFuzzer.publish(topic, SEED + topic.hashCode(), 200, 4, n -> {
            AuditEvent event = Fixtures.search("fuzz-user-" + UUID.randomUUID(), "Fuzz User", "Fuzzfamily",
                    Fixtures.WORKING_HOURS);
            if (n < 1_000_000) {
                eventIds.add(event.eventId());
            }
            return new KafkaFuzzer.Message(event.eventId(), Fixtures.json(event), Map.of(CloudEventHeaders.ID,
                    event.eventId(), CloudEventHeaders.TYPE, AuditEvent.TYPE, CloudEventHeaders.SOURCE, "fuzz"));
        });
        check(run, eventIds, id -> count("SELECT count(*) FROM audit_record WHERE event_id = ?", id) == 1);
    }

    @Test
    void malformedChildEventsAreDeadLetteredAndValidOnesAllApplied() {
        List<String> ids = new ArrayList<>();
        KafkaFuzzer.Run run = KafkaFuzzer.publish(Topics.IDENTITY_CHILDREN, SEED, 200, 4, n -> {
            String id = Fixtures.newChildId();
            if (n < 1_000_000) {
                ids.add(id);
            }
            String child = """
                    {"contactPointId":"%s","version":1,"status":"ACTIVE","name":{"givenNames":"Fuzz",\
                    "familyName":"Child"},"dateOfBirth":"2015-05-05","identifiers":[],\
                    "responsibleLocalAuthority":"E09000019","occurredAt":"2026-11-22T09:00:00Z"}""".formatted(id);
            return new KafkaFuzzer.Message(id, child, Map.of(CloudEventHeaders.ID, UUID.randomUUID().toString(),
                    CloudEventHeaders.TYPE, "identity.child.registered.v1", CloudEventHeaders.SOURCE,
                    "identity-service"));
        });
        check(run, ids, id -> count("SELECT count(*) FROM child_profile WHERE child_id = ?", id) == 1);
    }

    @Test
    void malformedInvolvementEventsAreDeadLetteredAndValidOnesAllApplied() {
        String child = Fixtures.newChildId();
        String elsewhere = Fixtures.newChildId();
        List<String> ids = new ArrayList<>();
        KafkaFuzzer.Run run = KafkaFuzzer.publish(Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID, SEED + 1, 200, 4, n -> {
            String id = UUID.randomUUID().toString();
            String about = n < 1_000_000 ? child : elsewhere;
            if (n < 1_000_000) {
                ids.add(id);
            }
            String involvement = """
                    {"involvementId":"%s","contactPointId":"%s","version":1,"status":"ACTIVE","serviceType":"SCHOOL",\
                    "sensitive":false,"organisation":{"name":"Hillside Primary","code":"URN100001"},\
                    "startDate":"2020-09-01","leadProfessional":false,"cafHeld":false,\
                    "sourceAgency":"agency-system","occurredAt":"2026-11-22T09:00:00Z"}""".formatted(id, about);
            return new KafkaFuzzer.Message(id, involvement, Map.of(CloudEventHeaders.ID,
                    UUID.randomUUID().toString(), CloudEventHeaders.TYPE, "involvement.involvement.started.v1",
                    CloudEventHeaders.SOURCE, "involvement-service"));
        });
        check(run, ids, id -> count("SELECT count(*) FROM child_involvement WHERE involvement_id = ?", id) == 1);
    }

    private static void check(KafkaFuzzer.Run run, List<String> validIds, Predicate<String> applied) {
        // Partitions are consumed independently: wait for every valid record, not only the last one sent.
        Fixtures.await("every valid record on " + run.topic() + " (no stall)", Duration.ofSeconds(120),
                () -> validIds.stream().allMatch(applied));
        long lost = validIds.stream().filter(applied.negate()).count();
        Map<String, Integer> dead = KafkaFuzzer.deadLettered(run, Duration.ofSeconds(90));
        assertThat(lost).as("valid records on %s not applied (valid=%d)", run.topic(), run.valid().size()).isZero();
        assertThat(KafkaFuzzer.deadLetteredWithReason(dead))
                .as("malformed records on %s dead-lettered with a reason (bad=%s dead-lettered=%s)", run.topic(),
                        run.badByKind(), dead)
                .isEqualTo(KafkaFuzzer.mustDeadLetter(run));
    }

    private static long count(String sql, String parameter) {
        try (Connection c = Fixtures.superuser(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, parameter);
            ResultSet rs = select.executeQuery();
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
