package org.contactpoint.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.events.involvement.InvolvementEvent;
import org.contactpoint.events.involvement.InvolvementEventTypes;
import org.contactpoint.gateway.messaging.in.ReadModelConsumerHandler;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.gateway.GatewayFixtures.await;
import static org.contactpoint.gateway.GatewayFixtures.heldVersion;
import static org.contactpoint.gateway.GatewayFixtures.involvementCount;
import static org.contactpoint.gateway.GatewayFixtures.newContactPointId;

/**
 * The read model's consumers apply a poll at a time (issue 17): within a poll the inbox still drops a second copy of a
 * message, one child's events still apply in order with the newest version winning, and a record the read model cannot
 * hold is dead-lettered on its own, in words, while the rest of its poll is applied.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class BatchedReadModelTest {

    @Inject
    ReadModelConsumerHandler handler;

    @Test
    void aPollKeepsOrderNewestVersionAndInboxAndDeadLettersOnlyThePoisonRecord() {
        String child = newContactPointId();
        LocalDate dob = GatewayFixtures.uniqueDateOfBirth();
        String family = GatewayFixtures.uniqueFamilyName("Batch");
        String duplicateId = UUID.randomUUID().toString();
        List<TestKafkaClient.Outgoing> identity = new ArrayList<>();
        identity.add(childEvent(child, 1, "First", family, dob, duplicateId));
        identity.add(childEvent(child, 3, "Third", family, dob, UUID.randomUUID().toString()));
        identity.add(childEvent(child, 2, "Second", family, dob, UUID.randomUUID().toString()));
        // The same message again, with other content: the inbox recognises its id and drops it.
        identity.add(childEvent(child, 4, "Duplicate", family, dob, duplicateId));
        TestKafkaClient.sendAll(Topics.IDENTITY_CHILDREN, identity);
        await("version 3 held", () -> heldVersion(child) == 3);

        String poison = UUID.randomUUID().toString();
        List<TestKafkaClient.Outgoing> involvements = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            involvements.add(involvementEvent(GatewayFixtures.involvement(UUID.randomUUID().toString(), child, 1,
                    "SCHOOL", "Hillside Primary School", "Ms Reyes", "020 7946 0100")));
        }
        // Valid by its contract, but with an organisation name longer than the read model holds.
        involvements.add(2, involvementEvent(GatewayFixtures.involvement(poison, child, 1, "SCHOOL",
                "Hillside ".repeat(40), "Ms Reyes", "020 7946 0100")));
        TestKafkaClient.sendAll(Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID, involvements);

        List<ConsumerRecord<String, String>> dead = TestKafkaClient.readUntil(
                Topics.deadLetter(Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID), Duration.ofSeconds(60),
                read -> read.stream().anyMatch(r -> r.value() != null && r.value().contains(poison)));
        ConsumerRecord<String, String> deadLetter = dead.stream()
                .filter(r -> r.value() != null && r.value().contains(poison)).findFirst().orElseThrow();
        assertThat(TestKafkaClient.header(deadLetter, CloudEventHeaders.DEAD_LETTER_REASON))
                .isEqualTo("organisation.name is longer than 200 characters");
        await("the rest of the poll", () -> involvementCount(child) == 4);
        assertThat(GatewayFixtures.queryLong("SELECT count(*) FROM child WHERE contact_point_id = ? "
                + "AND given_names = 'Third'", child)).isEqualTo(1);
        assertThat(dead.stream().filter(r -> poison.equals(r.key())).count()).isEqualTo(1);
    }

    /**
     * One poll (handed to the consumers' handler as the broker would hand it) holding creates, updates, a stale copy and
     * tombstones for the same children and involvements: each lands as its last state, and a tombstone is final.
     */
    @Test
    void aPollOfMixedEventsForTheSameChildLandsAsItsLastState() {
        String updated = newContactPointId();
        String purgedInPoll = newContactPointId();
        String heldThenPurged = newContactPointId();
        LocalDate dob = GatewayFixtures.uniqueDateOfBirth();
        String family = GatewayFixtures.uniqueFamilyName("Poll");
        String earlierInvolvement = UUID.randomUUID().toString();
        TestKafkaClient.Outgoing held = childEvent(heldThenPurged, 1, "Held", family, dob,
                UUID.randomUUID().toString());
        TestKafkaClient.Outgoing heldInvolvement = involvementEvent(GatewayFixtures.involvement(earlierInvolvement,
                heldThenPurged, 1, "GP", "Rosebery Medical Practice", "Dr Adeyemi", "020 7946 0200"));
        handler.onChildren(List.of(record(Topics.IDENTITY_CHILDREN, 0, held)));
        handler.onInvolvements(List.of(record(Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID, 0, heldInvolvement)));
        assertThat(heldVersion(heldThenPurged)).isEqualTo(1);
        assertThat(involvementCount(heldThenPurged)).isEqualTo(1);

        List<TestKafkaClient.Outgoing> poll = List.of(
                childEvent(updated, 1, "Ada", family, dob, UUID.randomUUID().toString()),
                childEvent(purgedInPoll, 1, "Gone", family, dob, UUID.randomUUID().toString()),
                childEvent(updated, 2, "Bea", family, dob, UUID.randomUUID().toString()),
                childEvent(heldThenPurged, 2, "Moved", family, dob, UUID.randomUUID().toString()),
                tombstone(purgedInPoll),
                childEvent(updated, 4, "Dee", family, dob, UUID.randomUUID().toString()),
                childEvent(purgedInPoll, 2, "Back", family, dob, UUID.randomUUID().toString()),
                tombstone(heldThenPurged),
                childEvent(updated, 3, "Cee", family, dob, UUID.randomUUID().toString()));
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < poll.size(); i++) {
            records.add(record(Topics.IDENTITY_CHILDREN, i + 1, poll.get(i)));
        }
        handler.onChildren(records);

        assertThat(heldVersion(updated)).isEqualTo(4);
        assertThat(GatewayFixtures.queryLong("SELECT count(*) FROM child WHERE contact_point_id = ? "
                + "AND given_names = 'Dee'", updated)).isEqualTo(1);
        assertThat(GatewayFixtures.queryLong("SELECT count(*) FROM child_search WHERE contact_point_id = ? "
                + "AND given_names <> 'Dee'", updated)).as("search rows of an earlier state").isZero();
        assertThat(GatewayFixtures.queryLong("SELECT count(*) FROM child_search WHERE contact_point_id = ?",
                updated)).isPositive();
        for (String purged : List.of(purgedInPoll, heldThenPurged)) {
            assertThat(heldVersion(purged)).as("a purged child").isEqualTo(-1);
            assertThat(GatewayFixtures.queryLong("SELECT count(*) FROM child_search WHERE contact_point_id = ?",
                    purged)).isZero();
            assertThat(GatewayFixtures.queryLong("SELECT count(*) FROM purged_child WHERE contact_point_id = ?",
                    purged)).isEqualTo(1);
        }
        assertThat(involvementCount(heldThenPurged)).as("a purged child's involvements").isZero();
        assertThat(GatewayFixtures.queryLong("SELECT version FROM removed_involvement WHERE involvement_id = ?",
                earlierInvolvement)).isEqualTo(1);

        String kept = UUID.randomUUID().toString();
        String removed = UUID.randomUUID().toString();
        var removedStarted = GatewayFixtures.involvement(removed, updated, 1, "SCHOOL", "Hillside Primary School",
                "Ms Reyes", "020 7946 0100");
        List<TestKafkaClient.Outgoing> involvements = List.of(
                involvementEvent(removedStarted),
                involvementEvent(GatewayFixtures.involvement(kept, updated, 1, "GP", "First Practice", "Dr One",
                        "020 7946 0200")),
                involvementEvent(GatewayFixtures.involvement(kept, updated, 2, "GP", "Second Practice", "Dr Two",
                        "020 7946 0200")),
                new TestKafkaClient.Outgoing(removed, null,
                        GatewayFixtures.headers(UUID.randomUUID().toString(), InvolvementEventTypes.REMOVED)),
                involvementEvent(removedStarted));
        List<ConsumerRecord<String, String>> involvementRecords = new ArrayList<>();
        for (int i = 0; i < involvements.size(); i++) {
            involvementRecords.add(record(Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID, i + 1, involvements.get(i)));
        }
        handler.onInvolvements(involvementRecords);

        assertThat(involvementCount(updated)).isEqualTo(1);
        assertThat(GatewayFixtures.queryLong("SELECT version FROM involvement WHERE involvement_id = ? "
                + "AND organisation_name = 'Second Practice'", kept)).isEqualTo(2);
        assertThat(GatewayFixtures.queryLong("SELECT count(*) FROM involvement WHERE involvement_id = ?", removed))
                .as("a removed involvement, its start seen again after the tombstone").isZero();
        assertThat(GatewayFixtures.queryLong("SELECT count(*) FROM removed_involvement WHERE involvement_id = ?",
                removed)).isEqualTo(1);

        // The polls above were handed to the handler, not read from the topics; in a running system what the read
        // model applied is on the topics, and a rebuild from them must find the same (ReadModelRebuildTest compares
        // the whole read model). So the same records go to the topics now: the consumers' inbox knows their ids.
        List<TestKafkaClient.Outgoing> children = new ArrayList<>(List.of(held));
        children.addAll(poll);
        TestKafkaClient.sendAll(Topics.IDENTITY_CHILDREN, children);
        List<TestKafkaClient.Outgoing> allInvolvements = new ArrayList<>(List.of(heldInvolvement));
        allInvolvements.addAll(involvements);
        TestKafkaClient.sendAll(Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID, allInvolvements);
    }

    private static ConsumerRecord<String, String> record(String topic, long offset, TestKafkaClient.Outgoing out) {
        RecordHeaders headers = new RecordHeaders();
        out.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ConsumerRecord<>(topic, 0, offset, 0L, TimestampType.CREATE_TIME, -1, -1, out.key(), out.value(),
                headers, Optional.empty());
    }

    private static TestKafkaClient.Outgoing tombstone(String contactPointId) {
        return new TestKafkaClient.Outgoing(contactPointId, null,
                GatewayFixtures.headers(UUID.randomUUID().toString(), ChildEventTypes.PURGED));
    }

    private static TestKafkaClient.Outgoing childEvent(String id, long version, String given, String family,
                                                       LocalDate dob, String eventId) {
        ChildEvent base = GatewayFixtures.child(id, version, given, family, dob);
        return new TestKafkaClient.Outgoing(id, GatewayFixtures.write(new ChildEvent(id, version,
                ChildEvent.ChildStatus.ACTIVE, null, base.name(), List.of(), null, dob, ChildEvent.Gender.FEMALE,
                null, base.whereabouts(), base.parentsCarers(), List.of(), "E09000019", null, List.of(),
                Instant.now())), GatewayFixtures.headers(eventId, version == 1 ? ChildEventTypes.REGISTERED
                : ChildEventTypes.UPDATED));
    }

    private static TestKafkaClient.Outgoing involvementEvent(InvolvementEvent event) {
        return new TestKafkaClient.Outgoing(event.involvementId(), GatewayFixtures.write(event),
                GatewayFixtures.headers(UUID.randomUUID().toString(), InvolvementEventTypes.STARTED));
    }
}
