package org.contactpoint.audit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
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
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.audit.Fixtures.*;

/**
 * involvement.involvements.v2 a poll at a time (issue 17: an agency's initial load was one commit, and one WAL flush,
 * per involvement): a poll's involvements stored in one transaction with set-based writes, the newest version of each
 * winning, a redelivery changing nothing, and a bad record dead-lettered on its own.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class InvolvementBatchTest {

    @Test
    void aPollOfInvolvementsIsStoredInFewTransactionsNewestVersionWinningAndABadRecordIsDeadLetteredAlone() {
        List<String> involvements = new ArrayList<>();
        List<TestKafkaClient.Outgoing> records = new ArrayList<>();
        String bad = UUID.randomUUID().toString();
        String dropped = UUID.randomUUID().toString();
        for (int i = 0; i < 120; i++) {
            String id = UUID.randomUUID().toString();
            String child = newChildId();
            involvements.add(id);
            TestKafkaClient.Outgoing second = outgoing(id, child, 2, "URN200002", InvolvementEvent.Status.ACTIVE);
            records.add(second);
            // An older version after the newer one changes nothing, nor does the newer one delivered again.
            records.add(outgoing(id, child, 1, "URN100001", InvolvementEvent.Status.ACTIVE));
            records.add(second);
            if (i == 60) {
                records.add(new TestKafkaClient.Outgoing(bad, "{\"involvementId\":\"" + bad + "\"}",
                        Map.of(CloudEventHeaders.ID, UUID.randomUUID().toString(), CloudEventHeaders.TYPE,
                                InvolvementEventTypes.UPDATED)));
                // Started, then removed in a later version: nothing is kept of it.
                records.add(outgoing(dropped, child, 1, "URN100001", InvolvementEvent.Status.ACTIVE));
                records.add(outgoing(dropped, child, 2, "URN100001", InvolvementEvent.Status.REMOVED));
            }
        }
        TestKafkaClient.sendAll(Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID, records);

        String ids = "('" + String.join("','", involvements) + "')";
        await("the poll's involvements", Duration.ofSeconds(30), () -> count(
                "SELECT count(*) FROM child_involvement WHERE version = 2 AND involvement_id IN " + ids) == 120);
        assertThat(count("SELECT count(*) FROM child_involvement WHERE organisation_code = 'URN200002'"
                + " AND involvement_id IN " + ids)).isEqualTo(120);
        // One transaction per poll, not per involvement: the rows a transaction writes share its id.
        assertThat(count("SELECT count(DISTINCT xmin::text) FROM child_involvement WHERE involvement_id IN " + ids))
                .isLessThanOrEqualTo(12);
        List<ConsumerRecord<String, String>> dead = TestKafkaClient.readUntil(
                Topics.deadLetter(Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID), Duration.ofSeconds(30),
                read -> read.stream().anyMatch(r -> bad.equals(r.key())));
        assertThat(dead.stream().filter(r -> bad.equals(r.key())).findFirst().orElseThrow())
                .satisfies(r -> assertThat(TestKafkaClient.header(r, CloudEventHeaders.DEAD_LETTER_REASON))
                        .contains("contactPointId"));
        assertThat(count("SELECT count(*) FROM child_involvement WHERE involvement_id = '" + dropped + "'")).isZero();
    }

    private static TestKafkaClient.Outgoing outgoing(String id, String child, long version, String organisationCode,
                                                     InvolvementEvent.Status status) {
        InvolvementEvent event = new InvolvementEvent(id, child, version, status, "EDUCATION", false,
                new InvolvementEvent.Organisation("Some organisation", organisationCode), null, null,
                LocalDate.of(2026, 9, 1), null, false, false, "agency-system",
                Instant.parse("2026-10-06T09:00:00Z").plusSeconds(version));
        return new TestKafkaClient.Outgoing(id, json(event), Map.of(CloudEventHeaders.ID,
                id + "-v" + version, CloudEventHeaders.TYPE, version == 1 ? InvolvementEventTypes.STARTED
                        : InvolvementEventTypes.UPDATED));
    }
}
