package org.contactpoint.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.events.involvement.InvolvementEventTypes;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.gateway.GatewayFixtures.await;
import static org.contactpoint.gateway.GatewayFixtures.headers;
import static org.contactpoint.gateway.GatewayFixtures.involvement;
import static org.contactpoint.gateway.GatewayFixtures.queryLong;
import static org.contactpoint.gateway.GatewayFixtures.sendInvolvement;

/**
 * Issue 16 item 8: the read model follows involvement.involvements.v2, keyed by involvement id, where a removal (consent
 * withdrawn, child purged) is a tombstone. The tombstone deletes the involvement, for good: a copy of an earlier event
 * arriving later (a producer's retry, a replay) does not bring it back. A tombstone keyed by anything but an
 * involvement id is dead-lettered with its reason.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class InvolvementTombstoneTest {

    @Test
    void aTombstoneDeletesTheInvolvementAndNothingEarlierBringsItBack() {
        String child = GatewayFixtures.newContactPointId();
        GatewayFixtures.sendChild(GatewayFixtures.child(child, 1, "Tomb", GatewayFixtures.uniqueFamilyName("Stone"),
                LocalDate.of(2016, 3, 3)), ChildEventTypes.REGISTERED);
        await("the child", () -> GatewayFixtures.heldVersion(child) == 1);
        String withdrawn = UUID.randomUUID().toString();
        String kept = UUID.randomUUID().toString();
        var started = involvement(withdrawn, child, 1, "SCHOOL", "Hillside Primary School", "Ms Reyes",
                "020 7946 0100");
        sendInvolvement(started);
        sendInvolvement(involvement(kept, child, 1, "GP", "Rosebery Medical Practice", "Dr Adeyemi",
                "020 7946 0200"));
        await("both involvements", () -> GatewayFixtures.involvementCount(child) == 2);

        TestKafkaClient.send(Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID, withdrawn, null,
                headers(UUID.randomUUID().toString(), InvolvementEventTypes.REMOVED));
        await("the withdrawn one deleted", () -> held(withdrawn) == 0);
        assertThat(held(kept)).isEqualTo(1);

        // The started event again, under a new message id: taken (its inbox row), and dropped.
        String again = UUID.randomUUID().toString();
        TestKafkaClient.send(Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID, withdrawn, GatewayFixtures.write(started),
                headers(again, InvolvementEventTypes.STARTED));
        await("the copy taken", () -> GatewayFixtures.inboxCount(again) == 1);
        assertThat(held(withdrawn)).as("an earlier event after the tombstone").isZero();
    }

    @Test
    void aTombstoneKeyedByAnythingButAnInvolvementIdIsDeadLettered() {
        String key = "not-an-involvement-" + UUID.randomUUID();
        TestKafkaClient.send(Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID, key, null,
                headers(UUID.randomUUID().toString(), InvolvementEventTypes.REMOVED));
        List<ConsumerRecord<String, String>> dead = TestKafkaClient.readUntil(
                Topics.deadLetter(Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID), Duration.ofSeconds(60),
                read -> read.stream().anyMatch(r -> key.equals(r.key())));
        ConsumerRecord<String, String> deadLetter = dead.stream().filter(r -> key.equals(r.key())).findFirst()
                .orElseThrow();
        assertThat(TestKafkaClient.header(deadLetter, CloudEventHeaders.DEAD_LETTER_REASON))
                .isEqualTo("a tombstone's key must be the involvement id (a UUID)");
    }

    private static long held(String involvementId) {
        return queryLong("SELECT count(*) FROM involvement WHERE involvement_id = ?", involvementId);
    }
}
