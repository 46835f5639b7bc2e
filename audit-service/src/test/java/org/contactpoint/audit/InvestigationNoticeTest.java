package org.contactpoint.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.audit.MisuseInvestigation;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A HIGH alert's investigation is published on audit.investigations.v1 (keyed by the investigation id, no child data)
 * so that involvement-service tells the user's organisation and the LA team in their inboxes; the rules' chained
 * record of opening it names both recipients.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class InvestigationNoticeTest {

    static final String AUDITOR = TestTokens.bearer("auditor", "auditor");

    @Test
    void aHighAlertsInvestigationIsPublishedForTheOrganisationsAndTheTeamsInboxesWithNoChildData() {
        String userId = "own-name-" + UUID.randomUUID().toString().substring(0, 8);
        String child = Fixtures.newChildId();
        // Searching for one's own family name: OWN_FAMILY_NAME, HIGH, which does not suspend by default.
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, Fixtures.search(userId, "Ms Dana Fairweather", "Fairweather",
                Fixtures.WORKING_HOURS, child));

        List<ConsumerRecord<String, String>> read = Fixtures.readUntilAny(Topics.AUDIT_INVESTIGATIONS,
                r -> r.value() != null && r.value().contains(userId));
        ConsumerRecord<String, String> record = read.stream()
                .filter(r -> r.value() != null && r.value().contains(userId)).findFirst().orElseThrow();
        JsonNode event = Fixtures.tree(record.value());
        assertThat(new String(record.headers().lastHeader(CloudEventHeaders.TYPE).value(), StandardCharsets.UTF_8))
                .isEqualTo(MisuseInvestigation.OPENED);
        assertThat(record.key()).isEqualTo(event.path("investigationId").asText());
        assertThat(event.path("rule").asText()).isEqualTo("OWN_FAMILY_NAME");
        assertThat(event.path("userName").asText()).isEqualTo("Ms Dana Fairweather");
        assertThat(event.path("organisationCode").asText()).isNotBlank();
        assertThat(event.path("localAuthority").asText()).isNotBlank();
        assertThat(event.path("accountSuspended").asBoolean()).isFalse();
        // No child data, and not the summary (which quotes the name searched for).
        assertThat(record.value()).doesNotContain(child).doesNotContain("childIds").doesNotContain("summary");

        List<String> notified = given().header("Authorization", AUDITOR).header("X-Purpose-Of-Use", "ADMINISTRATION")
                .queryParam("userId", "audit-service:misuse-rules").queryParam("action", "OPEN_MISUSE_INVESTIGATION")
                .queryParam("size", 200).get("/audit-records").then().statusCode(200)
                .extract().path("records.findAll { it.event.query.userId == '" + userId + "' }.event.query.notified");
        assertThat(notified).singleElement().asString()
                .contains(event.path("organisationCode").asText())
                .contains(event.path("localAuthority").asText());
    }
}
