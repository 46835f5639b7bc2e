package org.contactpoint.involvement;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.involvement.AgencySubmission;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.security.HttpFuzzer;
import org.contactpoint.testing.TestTokens;
import org.contactpoint.testing.security.KafkaFuzzer;
import org.contactpoint.testing.security.RawHttpProbe;
import org.contactpoint.testing.security.SecurityMatrix;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * involvement-service's share of the bad-input fuzz: hostile requests to every operation in its OpenAPI document,
 * and malformed records on both topics it reads interleaved with valid ones. No 5xx, no valid record lost, no stall.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class BadInputFuzzTest {

    private static final long SEED = 0xC0FFEE_03L;

    @TestHTTPResource("/")
    URI base;

    @Test
    void hostileRequestsNeverGetA5xx() {
        HttpFuzzer.Report report = HttpFuzzer.of(base, SEED).run(2000);
        assertThat(report.serverErrors()).as("5xx responses (" + report + ")").isEmpty();
        assertThat(report.notProblemJson()).as("4xx responses that are not problem+json, e.g. "
                + report.notProblemSamples()).isZero();
    }

    @Test
    void unstorableTextInAnyFieldOrParameterIsRefusedNamingIt() {
        // An import's body is NDJSON, not one JSON document: a line with unstorable text is rejected with its line
        // number and the field named, in the import's rejections (ImportTest), while the upload answers 202.
        assertThat(HttpFuzzer.of(base, SEED).exclude("POST /involvement-imports", "NDJSON, refused line by line")
                .unstorableTextFindings())
                .as("answers other than 400 problem+json naming the field").isEmpty();
    }

    @Test
    void oversizedRequestLineHeadersAndBodyAreRefusedWithAProblem() {
        RawHttpProbe.assertOversizedRefusedAsProblems(base, "/involvements",
                TestTokens.user("probe").roles(SecurityMatrix.ALL_ROLES.toArray(String[]::new)).sign(),
                "involvement-service");
    }

    @Test
    void malformedChildEventsAreDeadLetteredAndValidOnesAllApplied() {
        List<String> ids = new ArrayList<>();
        KafkaFuzzer.Run run = KafkaFuzzer.publish(Topics.IDENTITY_CHILDREN, SEED, 400, 4, n -> {
            String id = Fixtures.newChildId();
            if (n < 1_000_000) {
                ids.add(id);
            }
            String child = """
                    {"contactPointId":"%s","version":1,"status":"ACTIVE","name":{"givenNames":"Fuzz",\
                    "familyName":"Child"},"dateOfBirth":"2015-05-05","identifiers":[],\
                    "responsibleLocalAuthority":"E09000019","occurredAt":"2026-11-22T09:00:00Z"}""".formatted(id);
            return new KafkaFuzzer.Message(id, child, Fixtures.headers(CloudEventHeaders.ID,
                    UUID.randomUUID().toString(), CloudEventHeaders.TYPE, "identity.child.registered.v1",
                    CloudEventHeaders.SOURCE, "identity-service"));
        });
        // Each bad record costs a dead-letter write; on a loaded machine 300 of them take most of a minute.
        String last = ids.get(ids.size() - 1);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        // Partitions are consumed independently: wait for every valid child, not only the last one sent.
        while (ids.stream().anyMatch(id -> known(id) == null) && System.nanoTime() < deadline) {
            Fixtures.sleep(500);
        }
        assertThat(known(last)).as("the last valid child was applied (no stall); valid ones applied so far: "
                + ids.stream().filter(id -> known(id) != null).count() + " of " + ids.size()).isNotNull();
        long lost = ids.stream().filter(id -> known(id) == null).count();
        Map<String, Integer> dead = KafkaFuzzer.deadLettered(run, Duration.ofSeconds(90));
        assertThat(lost).as("valid child events not applied").isZero();
        assertThat(KafkaFuzzer.deadLetteredWithReason(dead)).as("malformed records dead-lettered with a reason (bad "
                        + run.badByKind() + ", dead-lettered " + dead + ")")
                .isEqualTo(KafkaFuzzer.mustDeadLetter(run));
    }

    @Test
    void malformedAgencySubmissionsAreDeadLetteredAndValidOnesAllApplied() {
        String child = Fixtures.newChildId();
        Fixtures.sendChild(child, 1, "ACTIVE", null, "E09000019");
        long known = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (known(child) == null && System.nanoTime() < known) {
            Fixtures.sleep(500);
        }
        String elsewhere = Fixtures.newChildId();
        List<String> submissions = new ArrayList<>();
        String prefix = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
        // One school's own topic (issue 16 item 9): every valid record is that school's.
        KafkaFuzzer.Run run = KafkaFuzzer.publish(Topics.agencySubmissions("URN199999"), SEED + 1, 400, 4, n -> {
            String submissionId = prefix + "-" + n;
            // Bad records are about another child, so one that slips through cannot pass for a valid one.
            String about = n < 1_000_000 ? child : elsewhere;
            if (n < 1_000_000) {
                submissions.add(submissionId);
            }
            return new KafkaFuzzer.Message(about, Fixtures.schoolSubmission(submissionId, about, false)
                    .replace("URN100001", "URN199999"),
                    Fixtures.headers(CloudEventHeaders.ID, UUID.randomUUID().toString(), CloudEventHeaders.TYPE,
                            AgencySubmission.TYPE, CloudEventHeaders.SOURCE, "hub-fuzz"));
        });
        String last = submissions.get(submissions.size() - 1);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (submissions.stream().anyMatch(id -> applied(id) == 0) && System.nanoTime() < deadline) {
            Fixtures.sleep(200);
        }
        assertThat(applied(last)).as("the last valid submission was applied (no stall); applied so far: "
                + submissions.stream().filter(id -> applied(id) > 0).count() + " of " + submissions.size())
                .isEqualTo(1);
        long lost = submissions.stream().filter(id -> applied(id) == 0).count();
        Map<String, Integer> dead = KafkaFuzzer.deadLettered(run, Duration.ofSeconds(90));
        assertThat(lost).as("valid submissions not applied").isZero();
        assertThat(KafkaFuzzer.deadLetteredWithReason(dead)).as("malformed records dead-lettered with a reason (bad "
                        + run.badByKind() + ", dead-lettered " + dead + ")")
                .isEqualTo(KafkaFuzzer.mustDeadLetter(run));
    }

    private static Long known(String childId) {
        return Fixtures.queryLong("SELECT version FROM known_child WHERE contact_point_id = ?", childId);
    }

    private static long applied(String submissionId) {
        return Fixtures.queryLong("SELECT count(*) FROM involvement WHERE submission_id = ?", submissionId);
    }
}
