package org.contactpoint.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import org.contactpoint.gateway.security.VerifiedTokens;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.contactpoint.support.security.ClaimsPrincipalFactory;
import org.contactpoint.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.gateway.GatewayFixtures.as;
import static org.contactpoint.gateway.GatewayFixtures.await;
import static org.contactpoint.gateway.GatewayFixtures.heldVersion;
import static org.contactpoint.gateway.GatewayFixtures.newContactPointId;
import static org.contactpoint.gateway.GatewayFixtures.sendChild;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * The lookup's request path (issue 19): the audit record is on the topic, acknowledged, before the answer leaves,
 * with nothing written to the database; when the broker cannot acknowledge it the lookup answers 503 with no data;
 * system clients have quotas of their own; the counts of other instances are counted.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class LookupPathTest {

    @Inject
    TestClock clock;

    @Test
    void theAuditRecordIsAcknowledgedOnTheTopicBeforeTheLookupIsAnswered() {
        String id = newContactPointId();
        sendChild(GatewayFixtures.child(id, 1, "Isla", GatewayFixtures.uniqueFamilyName("Penn"),
                GatewayFixtures.uniqueDateOfBirth()), ChildEventTypes.REGISTERED);
        await("child", () -> heldVersion(id) == 1);

        String lookupId = as("teacher-path", "practitioner").get("/children/" + id).then().statusCode(200)
                .body("name.givenNames", equalTo("Isla")).extract().header("X-Lookup-Id");
        // What the broker had acknowledged when the answer arrived: the topic's end, read at once.
        List<ConsumerRecord<String, String>> upToNow = readToCurrentEnd(Topics.GATEWAY_AUDIT_EVENTS);
        ConsumerRecord<String, String> audit = upToNow.stream()
                .filter(r -> lookupId.equals(TestKafkaClient.header(r, CloudEventHeaders.ID))).findFirst()
                .orElseThrow(() -> new AssertionError("the lookup's audit record was not on the topic when it "
                        + "was answered"));
        assertThat(TestKafkaClient.header(audit, CloudEventHeaders.TYPE)).isEqualTo(AuditEvent.TYPE);
        assertThat(TestKafkaClient.header(audit, CloudEventHeaders.SOURCE)).isEqualTo("search-gateway");
        assertThat(TestKafkaClient.header(audit, CloudEventHeaders.SUBJECT)).isEqualTo(lookupId);
        assertThat(TestKafkaClient.header(audit, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(TestKafkaClient.header(audit, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(TestKafkaClient.header(audit, CloudEventHeaders.TIME)).isNotBlank();
        assertThat(audit.key()).isEqualTo(lookupId);
        assertThat(audit.value()).contains("\"eventId\":\"" + lookupId + "\"").contains("\"VIEW_RECORD\"")
                .contains(id).contains("teacher-path");
        // No database write on the lookup: its audit record never went through the outbox.
        assertThat(GatewayFixtures.queryLong("SELECT count(*) FROM outbox_event WHERE aggregateid = ?", lookupId))
                .isZero();
    }

    @Test
    void aLookupTheBrokerCannotAcknowledgeIsAnswered503WithNoData() {
        String id = newContactPointId();
        String family = GatewayFixtures.uniqueFamilyName("Quill");
        LocalDate dob = GatewayFixtures.uniqueDateOfBirth();
        sendChild(GatewayFixtures.child(id, 1, "Ottilie", family, dob), ChildEventTypes.REGISTERED);
        await("child", () -> heldVersion(id) == 1);
        // The audit topic exists and takes records.
        as("teacher-broker-down", "practitioner").get("/children/" + id).then().statusCode(200);

        GatewayFixtures.refuseAcknowledgements(Topics.GATEWAY_AUDIT_EVENTS, true);
        try {
            as("teacher-broker-down", "practitioner").get("/children/" + id)
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                    .body("status", equalTo(503))
                    .body(not(containsString("Ottilie"))).body(not(containsString(family)));
            as("teacher-broker-down", "practitioner").queryParam("contactPointId", id).get("/children")
                    .then().statusCode(503).contentType("application/problem+json")
                    .body(not(containsString("Ottilie"))).body(not(containsString(id)));
            // A refusal is not answered unaudited either.
            as("teacher-broker-down", "practitioner").header("X-Break-Glass-Reason", "I would like to see it all")
                    .get("/children/" + id).then().statusCode(503).contentType("application/problem+json");
        } finally {
            GatewayFixtures.refuseAcknowledgements(Topics.GATEWAY_AUDIT_EVENTS, false);
        }
        as("teacher-broker-down", "practitioner").get("/children/" + id).then().statusCode(200)
                .body("name.givenNames", equalTo("Ottilie"));
    }

    @Inject
    JWTParser tokenParser;

    @Test
    void aBirthdayInYearZeroFindsNoOneRatherThanFailing() {
        // 0000-05-06 is a date Java parses and PostgreSQL does not read as written: no child is born then.
        as("teacher-year-zero", "practitioner").queryParam("familyName", "Smith")
                .queryParam("dateOfBirth", "0000-05-06").get("/children").then().statusCode(200)
                .body("matches", org.hamcrest.Matchers.empty());
    }

    @Test
    void bearerTokensAreVerifiedThroughTheCacheOfVerifiedTokens() throws Exception {
        assertThat(ClientProxy.unwrap(tokenParser)).isInstanceOf(VerifiedTokens.class);
        String token = TestTokens.user("teacher-cached-token").roles("practitioner").sign();
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", "Bearer " + token).header("X-Purpose-Of-Use", "DIRECT_CARE")
                    .queryParam("contactPointId", newContactPointId()).get("/children").then().statusCode(200);
        }
        // Verified by ClaimsPrincipalFactory: our own claims (org, la, ...) are read without an exception per claim.
        assertThat(tokenParser.parse(token)).isInstanceOf(ClaimsPrincipalFactory.ClaimsPrincipal.class);
        // A token that differs by one signature character is verified, and refused.
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        given().header("Authorization", "Bearer " + forged).header("X-Purpose-Of-Use", "DIRECT_CARE")
                .queryParam("contactPointId", newContactPointId()).get("/children").then().statusCode(401);
    }

    @Test
    void aSystemClientHasQuotasOfItsOwn() {
        String unknown = newContactPointId();
        // A person may make 30 lookups a minute; a case-management system calling for many people more. The clock is
        // held in one minute so that no boundary passes.
        String system = "Bearer " + TestTokens.user("case-system-" + UUID.randomUUID())
                .roles("practitioner", "case-management").sign();
        String person = "person-" + UUID.randomUUID();
        try (TestClock.Hold held = clock.hold()) {
            for (int i = 0; i < 45; i++) {
                given().header("Authorization", system).header("X-Purpose-Of-Use", "DIRECT_CARE")
                        .queryParam("contactPointId", unknown).get("/children").then().statusCode(200);
            }
            for (int i = 0; i < 30; i++) {
                as(person, "practitioner").queryParam("contactPointId", unknown).get("/children").then()
                        .statusCode(200);
            }
            as(person, "practitioner").queryParam("contactPointId", unknown).get("/children").then().statusCode(429);
        }
    }

    @Test
    void lookupsCountedByOtherInstancesCount() {
        String unknown = newContactPointId();
        // Another instance has flushed 499 of this user's 500 lookups for today before this one first sees them:
        // this instance reads them with its next flush (no read on the lookup), so within one flush interval the
        // user has used up the day here too.
        String user = "replica-user-" + UUID.randomUUID();
        GatewayFixtures.execute("INSERT INTO lookup_quota (user_id, window_kind, window_start, lookups) "
                + "VALUES ('" + user + "', 'DAY', date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', 499)");
        as(user, "practitioner").queryParam("contactPointId", unknown).get("/children").then().statusCode(200);
        await("the other instance's lookups counted for a user first seen here", () -> as(user, "practitioner")
                .queryParam("contactPointId", unknown).get("/children").then().extract().statusCode() == 429);
        as(user, "practitioner").queryParam("contactPointId", unknown).get("/children").then().statusCode(429)
                .body("detail", containsString("today"));

        // A user this instance already counts: another instance's lookups arrive with the next flush.
        String busy = "replica-busy-" + UUID.randomUUID();
        as(busy, "practitioner").queryParam("contactPointId", unknown).get("/children").then().statusCode(200);
        await("this instance's count flushed", () -> GatewayFixtures.queryLong(
                "SELECT lookups FROM lookup_quota WHERE user_id = ? AND window_kind = 'DAY'", busy) == 1);
        GatewayFixtures.execute("UPDATE lookup_quota SET lookups = lookups + 499 WHERE user_id = '" + busy
                + "' AND window_kind = 'DAY'");
        await("the other instance's lookups counted here", () -> as(busy, "practitioner")
                .queryParam("contactPointId", unknown).get("/children").then().extract().statusCode() == 429);
    }

    @Test
    void aUserFirstSeenHereIsAnsweredWithoutReadingTheQuotaTable() throws Exception {
        String unknown = newContactPointId();
        String user = "first-seen-" + UUID.randomUUID();
        // Another session holds the quota table locked (as a long flush or a table rewrite would): a lookup that read
        // it would wait for the lock; one that counts in memory is answered.
        try (Connection lock = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres")) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("LOCK TABLE lookup_quota IN ACCESS EXCLUSIVE MODE");
            try {
                CompletableFuture<Integer> answered = CompletableFuture.supplyAsync(() -> as(user, "practitioner")
                        .queryParam("contactPointId", unknown).get("/children").then().extract().statusCode());
                assertThat(answered.get(10, TimeUnit.SECONDS)).isEqualTo(200);
            } finally {
                lock.rollback();
            }
        }
    }

    /** Every record on the topic up to its end as it is now. */
    private static List<ConsumerRecord<String, String>> readToCurrentEnd(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        records.add(r);
                    }
                });
            }
        }
        return records;
    }
}
