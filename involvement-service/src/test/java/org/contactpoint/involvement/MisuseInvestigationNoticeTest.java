package org.contactpoint.involvement;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.MisuseInvestigation;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * audit-service's opened misuse investigations (audit.investigations.v1) reach the user's organisation's inbox and the
 * investigating local authority team's inbox, naming no child, once each however often the record is delivered; the
 * delivery is in the audit trail; a record that cannot be applied is dead-lettered with its reason in words.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class MisuseInvestigationNoticeTest {

    static final String DLQ = Topics.deadLetter(Topics.AUDIT_INVESTIGATIONS);

    @Test
    void anOpenedInvestigationIsToldToTheUsersOrganisationAndTheLaTeamOnceEachWithNoChild() {
        Fixtures.Organisation school = Fixtures.Organisation.unique("School");
        String authority = Fixtures.uniqueLocalAuthority();
        String investigationId = UUID.randomUUID().toString();
        String value = """
                {"investigationId":"%s","alertId":"%s","rule":"SEARCH_BURST","userId":"u-%s",\
                "userName":"Robin Hart","organisation":"%s","organisationCode":"%s","localAuthority":"%s",\
                "accountSuspended":true,"openedAt":"2026-11-18T10:04:00Z"}""".formatted(investigationId,
                UUID.randomUUID(), investigationId.substring(0, 8), school.name(), school.code(), authority);
        String ceId = UUID.randomUUID().toString();
        send(investigationId, value, ceId);
        send(investigationId, value, ceId); // redelivered: changes nothing

        List<JsonNode> team = awaitInbox(Fixtures.laTeamOf(authority), investigationId);
        List<JsonNode> organisation = awaitInbox(school.practitioner(), investigationId);
        for (JsonNode notice : List.of(team.get(0), organisation.get(0))) {
            assertThat(notice.path("type").asText()).isEqualTo("involvement.notification.misuse-investigation.v1");
            assertThat(notice.has("contactPointId")).as("a child named in %s", notice).isFalse();
            assertThat(notice.path("investigation").path("rule").asText()).isEqualTo("SEARCH_BURST");
            assertThat(notice.path("investigation").path("userName").asText()).isEqualTo("Robin Hart");
            assertThat(notice.path("investigation").path("accountSuspended").asBoolean()).isTrue();
            assertThat(notice.path("occurredAt").asText()).isEqualTo("2026-11-18T10:04:00Z");
            assertThat(notice.path("message").asText()).contains("Robin Hart").contains("burst of searches")
                    .contains(investigationId).contains("suspended");
        }
        // A bit later, still once each: the redelivery was recognised.
        assertThat(Fixtures.inbox(Fixtures.laTeamOf(authority))).hasSize(1);
        assertThat(Fixtures.inbox(school.practitioner())).hasSize(1);
        // The team acknowledges it like any other notification.
        Fixtures.reading(Fixtures.laTeamOf(authority)).post("/notifications/"
                + team.get(0).path("notificationId").asText() + "/acknowledgement").then().statusCode(200);

        // In the audit trail: the delivery, naming both inboxes and no child.
        List<ConsumerRecord<String, String>> trail = TestKafkaClient.readUntil(Topics.INVOLVEMENT_AUDIT_EVENTS,
                Duration.ofSeconds(30), read -> read.stream().anyMatch(r -> mentions(r, investigationId)));
        JsonNode recorded = Fixtures.json(trail.stream().filter(r -> mentions(r, investigationId)).findFirst()
                .orElseThrow().value());
        assertThat(recorded.path("action").asText()).isEqualTo("NOTIFY_MISUSE_INVESTIGATION");
        assertThat(recorded.path("query").path("organisationInbox").asText()).isEqualTo(school.code());
        assertThat(recorded.path("query").path("localAuthorityInbox").asText()).isEqualTo(authority);
        assertThat(recorded.path("childIds").size()).isZero();
    }

    @Test
    void anInvestigationThatCannotBeAppliedIsDeadLetteredWithItsReasonInWords() {
        String investigationId = UUID.randomUUID().toString();
        // No organisation and no local authority: there is no inbox to tell.
        String nowhere = """
                {"investigationId":"%s","rule":"SEARCH_BURST","userId":"u-1","accountSuspended":false,\
                "openedAt":"2026-11-18T10:04:00Z"}""".formatted(investigationId);
        send(investigationId, nowhere, UUID.randomUUID().toString());
        // Keyed by something other than the investigation it is about.
        String otherId = UUID.randomUUID().toString();
        String misKeyed = """
                {"investigationId":"%s","rule":"SEARCH_BURST","userId":"u-2","organisationCode":"URN100001",\
                "accountSuspended":false,"openedAt":"2026-11-18T10:04:00Z"}""".formatted(otherId);
        send(investigationId, misKeyed, UUID.randomUUID().toString());

        List<ConsumerRecord<String, String>> dead = Fixtures.readKey(DLQ, investigationId,
                read -> read.size() >= 2);
        assertThat(dead).hasSize(2);
        assertThat(TestKafkaClient.header(dead.get(0), CloudEventHeaders.DEAD_LETTER_REASON))
                .contains("no inbox to tell");
        assertThat(TestKafkaClient.header(dead.get(1), CloudEventHeaders.DEAD_LETTER_REASON))
                .contains("does not match the record key");
        assertThat(Fixtures.queryLong("SELECT count(*) FROM notification WHERE investigation_id::text = ?",
                otherId)).isZero();
    }

    private static boolean mentions(ConsumerRecord<String, String> record, String text) {
        return record.value() != null && record.value().contains(text);
    }

    private static void send(String key, String value, String ceId) {
        TestKafkaClient.send(Topics.AUDIT_INVESTIGATIONS, key, value, Map.of(CloudEventHeaders.ID, ceId,
                CloudEventHeaders.TYPE, MisuseInvestigation.OPENED, CloudEventHeaders.SOURCE, "audit-service"));
    }

    private static List<JsonNode> awaitInbox(String bearer, String investigationId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<JsonNode> found = Fixtures.inbox(bearer).stream()
                    .filter(n -> investigationId.equals(n.path("investigation").path("investigationId").asText()))
                    .toList();
            if (!found.isEmpty() || System.nanoTime() > deadline) {
                assertThat(found).as("the investigation's notice in the inbox").isNotEmpty();
                return found;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
