package org.contactpoint.audit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.audit.Fixtures.*;

/**
 * identity.children.v1 a poll at a time: a poll's children stored in one transaction with set-based writes, the newest
 * version of each winning, and a bad record dead-lettered on its own.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ChildProfileBatchTest {

    @Test
    void aPollOfChildrenIsStoredInFewTransactionsNewestVersionWinningAndABadRecordIsDeadLetteredAlone() {
        List<String> children = new ArrayList<>();
        List<TestKafkaClient.Outgoing> records = new ArrayList<>();
        String bad = newChildId();
        for (int i = 0; i < 120; i++) {
            String child = newChildId();
            children.add(child);
            records.add(outgoing(child, 2, "E09000019"));
            // An older version after the newer one changes nothing.
            records.add(outgoing(child, 1, "E09000020"));
            if (i == 60) {
                records.add(new TestKafkaClient.Outgoing(bad, "{\"contactPointId\":\"" + bad + "\"}",
                        Map.of(CloudEventHeaders.ID, UUID.randomUUID().toString(), CloudEventHeaders.TYPE,
                                ChildEventTypes.UPDATED)));
            }
        }
        TestKafkaClient.sendAll(Topics.IDENTITY_CHILDREN, records);

        String ids = "('" + String.join("','", children) + "')";
        await("the poll's children", Duration.ofSeconds(30), () -> count(
                "SELECT count(*) FROM child_profile WHERE version = 2 AND child_id IN " + ids) == 120);
        assertThat(count("SELECT count(*) FROM child_profile WHERE responsible_local_authority = 'E09000019'"
                + " AND child_id IN " + ids)).isEqualTo(120);
        // One transaction per poll, not per child: the rows a transaction writes share its id.
        assertThat(count("SELECT count(DISTINCT xmin::text) FROM child_profile WHERE child_id IN " + ids))
                .isLessThanOrEqualTo(12);
        List<ConsumerRecord<String, String>> dead = TestKafkaClient.readUntil(
                Topics.deadLetter(Topics.IDENTITY_CHILDREN), Duration.ofSeconds(30),
                read -> read.stream().anyMatch(r -> bad.equals(r.key())));
        assertThat(dead.stream().filter(r -> bad.equals(r.key())).findFirst().orElseThrow())
                .satisfies(r -> assertThat(TestKafkaClient.header(r, CloudEventHeaders.DEAD_LETTER_REASON))
                        .contains("version"));
    }

    private static TestKafkaClient.Outgoing outgoing(String id, long version, String la) {
        ChildEvent event = new ChildEvent(id, version, ChildEvent.ChildStatus.ACTIVE, null,
                new ChildEvent.PersonName("Amara", "Okafor"), List.of(), null, LocalDate.of(2016, 3, 14),
                ChildEvent.Gender.FEMALE, null, null, List.of(), List.of(), la, null, List.of(),
                Instant.parse("2026-11-01T00:00:00Z"));
        return new TestKafkaClient.Outgoing(id, json(event), Map.of(CloudEventHeaders.ID,
                UUID.randomUUID().toString(), CloudEventHeaders.TYPE, ChildEventTypes.UPDATED));
    }
}
