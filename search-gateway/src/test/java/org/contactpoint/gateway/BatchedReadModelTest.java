package org.contactpoint.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.events.involvement.InvolvementEvent;
import org.contactpoint.events.involvement.InvolvementEventTypes;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
