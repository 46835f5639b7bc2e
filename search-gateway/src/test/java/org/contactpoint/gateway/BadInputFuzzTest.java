package org.contactpoint.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.contactpoint.events.Topics;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.events.involvement.InvolvementEventTypes;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.security.HttpFuzzer;
import org.contactpoint.testing.TestTokens;
import org.contactpoint.testing.security.KafkaFuzzer;
import org.contactpoint.testing.security.RawHttpProbe;
import org.contactpoint.testing.security.SecurityMatrix;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's share of the bad-input fuzz: hostile requests to every operation in its OpenAPI document, and
 * malformed records on both topics it reads interleaved with valid ones. No 5xx, no valid record lost, no stall.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@QuarkusTestResource(InvolvementServiceStandIn.class)
@QuarkusTestResource(LaTeamServicesStandIn.class)
@TestProfile(BadInputFuzzTest.OwnInfrastructure.class)
class BadInputFuzzTest {

    /**
     * Its own profile, so Quarkus runs it last on a fresh database and broker: thousands of hostile records on the
     * gateway's topics would otherwise slow every later read-model rebuild in the other tests.
     */
    public static class OwnInfrastructure implements QuarkusTestProfile {
    }

    private static final long SEED = 0xC0FFEE_01L;

    @TestHTTPResource("/")
    URI base;

    @Test
    void hostileRequestsNeverGetA5xx() {
        HttpFuzzer.Report report = HttpFuzzer.of(base, SEED)
                .pathValue("contactPointId", GatewayFixtures.newContactPointId())
                .exclude("POST /admin/read-model/rebuild", "each call replays every topic; takes no input to fuzz")
                .run(2000);
        assertThat(report.serverErrors()).as("5xx responses (%s)", report).isEmpty();
        assertThat(report.notProblemJson()).as("4xx responses that are not problem+json: %s",
                report.notProblemSamples()).isZero();
    }

    @Test
    void unstorableTextInAnyFieldOrParameterIsRefusedNamingIt() {
        assertThat(HttpFuzzer.of(base, SEED)
                .pathValue("contactPointId", GatewayFixtures.newContactPointId())
                .exclude("POST /admin/read-model/rebuild", "each call replays every topic; takes no input to fuzz").unstorableTextFindings())
                .as("answers other than 400 problem+json naming the field").isEmpty();
    }

    @Test
    void oversizedRequestLineHeadersAndBodyAreRefusedWithAProblem() {
        RawHttpProbe.assertOversizedRefusedAsProblems(base, "/children",
                TestTokens.user("probe").roles(SecurityMatrix.ALL_ROLES.toArray(String[]::new)).sign(),
                "search-gateway");
    }

    @Test
    void malformedChildEventsAreDeadLetteredAndValidOnesAllApplied() {
        List<String> ids = new ArrayList<>();
        KafkaFuzzer.Run run = KafkaFuzzer.publish(Topics.IDENTITY_CHILDREN, SEED, 400, 4, n -> {
            String id = GatewayFixtures.newContactPointId();
            if (n < 1_000_000) {
                ids.add(id);
            }
            return new KafkaFuzzer.Message(id, GatewayFixtures.write(GatewayFixtures.child(id, 1, "Fuzz",
                    "Fuzzfamily", LocalDate.of(2015, 1, 1))),
                    GatewayFixtures.headers(UUID.randomUUID().toString(), ChildEventTypes.REGISTERED));
        });
        // Partitions are consumed independently: wait for every valid child, not only the last one sent.
        GatewayFixtures.await("every valid child (no stall)",
                () -> ids.stream().allMatch(id -> GatewayFixtures.heldVersion(id) == 1));
        long lost = ids.stream().filter(id -> GatewayFixtures.heldVersion(id) != 1).count();
        Map<String, Integer> dead = KafkaFuzzer.deadLettered(run, Duration.ofSeconds(90));
        String tally = run.topic() + ": valid=" + run.valid().size() + " bad=" + run.badByKind() + " dead-lettered="
                + dead + " lost=" + lost;
        assertThat(lost).as("valid child events not applied (%s)", tally).isZero();
        assertThat(KafkaFuzzer.deadLetteredWithReason(dead))
                .as("malformed records dead-lettered with a reason (%s)", tally)
                .isEqualTo(KafkaFuzzer.mustDeadLetter(run));
    }

    @Test
    void malformedInvolvementEventsAreDeadLetteredAndValidOnesAllApplied() {
        String child = GatewayFixtures.newContactPointId();
        GatewayFixtures.sendChild(GatewayFixtures.child(child, 1, "Fuzz", "Fuzzinvolved", LocalDate.of(2015, 2, 2)),
                ChildEventTypes.REGISTERED);
        GatewayFixtures.await("the child", () -> GatewayFixtures.heldVersion(child) == 1);
        String elsewhere = GatewayFixtures.newContactPointId();
        List<String> involvements = new ArrayList<>();
        KafkaFuzzer.Run run = KafkaFuzzer.publish(Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID, SEED + 1, 400, 4, n -> {
            String id = UUID.randomUUID().toString();
            if (n < 1_000_000) {
                involvements.add(id);
            }
            Map<String, String> headers = GatewayFixtures.headers(UUID.randomUUID().toString(),
                    InvolvementEventTypes.STARTED);
            headers.put("ce_source", "involvement-service");
            // Bad records are about another child, so one that slips through cannot pass for a valid one.
            String about = n < 1_000_000 ? child : elsewhere;
            return new KafkaFuzzer.Message(id, GatewayFixtures.write(GatewayFixtures.involvement(id, about, 1,
                    "SCHOOL", "Hillside Primary", "Ms Fuzz", "020 7946 0000")), headers);
        });
        GatewayFixtures.await("all valid involvements (no stall)",
                () -> GatewayFixtures.involvementCount(child) == involvements.size());
        Map<String, Integer> dead = KafkaFuzzer.deadLettered(run, Duration.ofSeconds(90));
        String tally = run.topic() + ": valid=" + run.valid().size() + " bad=" + run.badByKind() + " dead-lettered="
                + dead + " lost=" + (involvements.size() - GatewayFixtures.involvementCount(child));
        assertThat(KafkaFuzzer.deadLetteredWithReason(dead))
                .as("malformed records dead-lettered with a reason (%s)", tally)
                .isEqualTo(KafkaFuzzer.mustDeadLetter(run));
    }
}
